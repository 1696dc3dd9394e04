//! node's deep equality (strict and loose), and how failures show values:
//! the inspector's text, and a line diff when values span lines.

use boa_engine::object::builtins::{JsArrayBuffer, JsDate, JsMap, JsSetIterator};
use boa_engine::object::JsObject;
use boa_engine::{js_string, Context, JsResult, JsString, JsValue};

/// Pairs under comparison (cycles compare equal).
type Memo = Vec<(JsObject, JsObject)>;

/// node's `isDeepStrictEqual` (`strict`) or loose `deepEqual`.
///
/// # Errors
/// What a getter or `valueOf` of the compared objects throws.
pub(crate) fn deep_equal(
    a: &JsValue,
    b: &JsValue,
    strict: bool,
    ctx: &mut Context,
) -> JsResult<bool> {
    equal(a, b, strict, &mut Vec::new(), ctx)
}

fn both_nan(a: &JsValue, b: &JsValue) -> bool {
    a.as_number().is_some_and(f64::is_nan) && b.as_number().is_some_and(f64::is_nan)
}

fn equal(
    a: &JsValue,
    b: &JsValue,
    strict: bool,
    memo: &mut Memo,
    ctx: &mut Context,
) -> JsResult<bool> {
    let (x, y) = match (a.as_object(), b.as_object()) {
        (Some(x), Some(y)) => (x, y),
        (None, None) if strict => return Ok(JsValue::same_value(a, b)),
        (None, None) => return Ok(both_nan(a, b) || a.equals(b, ctx)?),
        _ => return Ok(false),
    };
    if JsObject::equals(&x, &y) {
        return Ok(true);
    }
    if strict {
        let same_proto = match (x.prototype(), y.prototype()) {
            (Some(p), Some(q)) => JsObject::equals(&p, &q),
            (None, None) => true,
            _ => false,
        };
        if !same_proto {
            return Ok(false);
        }
    }
    let tag = tag_of(&x, ctx)?;
    if tag != tag_of(&y, ctx)? || x.is_array() != y.is_array() {
        return Ok(false);
    }
    if memo
        .iter()
        .any(|(p, q)| JsObject::equals(p, &x) && JsObject::equals(q, &y))
    {
        return Ok(true);
    }
    memo.push((x.clone(), y.clone()));
    let result = objects_equal(&x, &y, &tag, strict, memo, ctx);
    memo.pop();
    result
}

/// `Object.prototype.toString`'s tag: `[object Date]` …
pub(crate) fn tag_of(obj: &JsObject, ctx: &mut Context) -> JsResult<String> {
    let proto = ctx.intrinsics().constructors().object().prototype();
    let to_string = proto.get(js_string!("toString"), ctx)?;
    let Some(f) = to_string.as_callable() else {
        return Ok(String::new());
    };
    Ok(f.call(&obj.clone().into(), &[], ctx)?
        .to_string(ctx)?
        .to_std_string_escaped())
}

fn get(obj: &JsObject, key: &str, ctx: &mut Context) -> JsResult<JsValue> {
    obj.get(JsString::from(key), ctx)
}

fn objects_equal(
    x: &JsObject,
    y: &JsObject,
    tag: &str,
    strict: bool,
    memo: &mut Memo,
    ctx: &mut Context,
) -> JsResult<bool> {
    match tag {
        "[object Date]" => {
            let (Ok(dx), Ok(dy)) = (
                JsDate::from_object(x.clone()),
                JsDate::from_object(y.clone()),
            ) else {
                return Ok(false);
            };
            if !JsValue::same_value(&dx.get_time(ctx)?, &dy.get_time(ctx)?) {
                return Ok(false);
            }
        }
        "[object RegExp]" => {
            for key in ["source", "flags", "lastIndex"] {
                if !get(x, key, ctx)?.strict_equals(&get(y, key, ctx)?) {
                    return Ok(false);
                }
            }
        }
        "[object Error]" => {
            for key in ["name", "message"] {
                if !get(x, key, ctx)?.strict_equals(&get(y, key, ctx)?) {
                    return Ok(false);
                }
            }
        }
        "[object Number]" | "[object String]" | "[object Boolean]" => {
            let value_of = |o: &JsObject, ctx: &mut Context| -> JsResult<JsValue> {
                let f = get(o, "valueOf", ctx)?;
                match f.as_callable() {
                    Some(f) => f.call(&o.clone().into(), &[], ctx),
                    None => Ok(JsValue::undefined()),
                }
            };
            if !JsValue::same_value(&value_of(x, ctx)?, &value_of(y, ctx)?) {
                return Ok(false);
            }
        }
        "[object ArrayBuffer]" => {
            let (Ok(bx), Ok(by)) = (
                JsArrayBuffer::from_object(x.clone()),
                JsArrayBuffer::from_object(y.clone()),
            ) else {
                return Ok(false);
            };
            if bx.to_vec() != by.to_vec() {
                return Ok(false);
            }
        }
        "[object Map]" if !maps_equal(x, y, strict, memo, ctx)? => return Ok(false),
        "[object Set]" if !sets_equal(x, y, strict, memo, ctx)? => return Ok(false),
        _ => {}
    }
    // Own enumerable string keys (typed arrays' indexes among them).
    let kx = crate::modules::object_keys(x, ctx)?;
    let ky = crate::modules::object_keys(y, ctx)?;
    if kx.len() != ky.len() {
        return Ok(false);
    }
    for k in &kx {
        if !ky.contains(k) {
            return Ok(false);
        }
        let (vx, vy) = (x.get(k.clone(), ctx)?, y.get(k.clone(), ctx)?);
        if !equal(&vx, &vy, strict, memo, ctx)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn map_entries(obj: &JsObject) -> JsResult<Vec<(JsValue, JsValue)>> {
    let mut out = Vec::new();
    if let Ok(map) = JsMap::from_object(obj.clone()) {
        map.for_each_native(|v, k| {
            out.push((k, v));
            Ok(())
        })?;
    }
    Ok(out)
}

fn maps_equal(
    x: &JsObject,
    y: &JsObject,
    strict: bool,
    memo: &mut Memo,
    ctx: &mut Context,
) -> JsResult<bool> {
    let (ex, ey) = (map_entries(x)?, map_entries(y)?);
    if ex.len() != ey.len() {
        return Ok(false);
    }
    let mut used = vec![false; ey.len()];
    for (k, v) in &ex {
        let mut found = false;
        for (i, (k2, v2)) in ey.iter().enumerate() {
            if used[i] {
                continue;
            }
            let keys_match = if k.is_object() {
                equal(k, k2, strict, memo, ctx)?
            } else {
                JsValue::same_value_zero(k, k2)
            };
            if keys_match && equal(v, v2, strict, memo, ctx)? {
                used[i] = true;
                found = true;
                break;
            }
        }
        if !found {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_values(obj: &JsObject, ctx: &mut Context) -> JsResult<Vec<JsValue>> {
    let values = get(obj, "values", ctx)?;
    let Some(f) = values.as_callable() else {
        return Ok(Vec::new());
    };
    let it = f.call(&obj.clone().into(), &[], ctx)?;
    let Some(it) = it
        .as_object()
        .and_then(|o| JsSetIterator::from_object(o).ok())
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    loop {
        let step = it.next(ctx)?;
        let Some(step) = step.as_object() else { break };
        if get(&step, "done", ctx)?.to_boolean() {
            break;
        }
        out.push(get(&step, "value", ctx)?);
    }
    Ok(out)
}

fn sets_equal(
    x: &JsObject,
    y: &JsObject,
    strict: bool,
    memo: &mut Memo,
    ctx: &mut Context,
) -> JsResult<bool> {
    let (vx, vy) = (set_values(x, ctx)?, set_values(y, ctx)?);
    if vx.len() != vy.len() {
        return Ok(false);
    }
    let mut used = vec![false; vy.len()];
    for v in &vx {
        let mut found = false;
        for (i, w) in vy.iter().enumerate() {
            if !used[i] && equal(v, w, strict, memo, ctx)? {
                used[i] = true;
                found = true;
                break;
            }
        }
        if !found {
            return Ok(false);
        }
    }
    Ok(true)
}

// ---- showing values ----------------------------------------------------------------

/// A value as node shows it inside a message: strings quoted, the rest
/// through the runtime's inspector.
pub(crate) fn show(v: &JsValue, ctx: &mut Context) -> String {
    if let Some(s) = v.as_string() {
        return quote(&s.to_std_string_escaped());
    }
    crate::internal::inspect(v, 6, ctx).unwrap_or_else(|_| "<uninspectable>".into())
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Two shown values: `a <op> e` when both fit on a line and `op` is given,
/// else a line diff, `+` actual and `-` expected, as node prints it.
pub(crate) fn diff(actual: &str, expected: &str, op: Option<&str>) -> String {
    let a: Vec<&str> = actual.split('\n').collect();
    let e: Vec<&str> = expected.split('\n').collect();
    if a.len() == 1 && e.len() == 1 {
        return match op {
            Some(op) => format!("\n{actual} {op} {expected}"),
            None => format!("+ actual - expected\n\n+ {actual}\n- {expected}"),
        };
    }
    if a.len() * e.len() > 40_000 {
        return format!("actual:\n{actual}\n\nexpected:\n{expected}");
    }
    // Longest common subsequence of lines, walked from the start.
    let (n, m) = (a.len(), e.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == e[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = vec!["+ actual - expected".to_owned(), String::new()];
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == e[j] {
            out.push(format!("  {}", a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(format!("+ {}", a[i]));
            i += 1;
        } else {
            out.push(format!("- {}", e[j]));
            j += 1;
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::{diff, quote};

    #[test]
    fn one_line_values_are_shown_side_by_side_or_as_a_pair() {
        assert_eq!(diff("1", "2", Some("!==")), "\n1 !== 2");
        assert_eq!(
            diff("{ a: 1 }", "{ a: 2 }", None),
            "+ actual - expected\n\n+ { a: 1 }\n- { a: 2 }"
        );
    }

    #[test]
    fn multi_line_values_get_a_line_diff() {
        let a = "{\n  a: 1,\n  b: 2\n}";
        let e = "{\n  a: 1,\n  b: 3\n}";
        assert_eq!(
            diff(a, e, Some("!==")),
            "+ actual - expected\n\n  {\n    a: 1,\n+   b: 2\n-   b: 3\n  }"
        );
    }

    #[test]
    fn strings_are_quoted_like_node() {
        assert_eq!(quote("it's\n"), "'it\\'s\\n'");
    }
}
