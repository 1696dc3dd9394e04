//! `enum` → the object-building IIFE TypeScript emits, member by member on the original lines:
//!
//! ```text
//! enum Color {          var Color; (function (Color) {
//!   Red,                  Color[Color["Red"] = 0] = "Red";
//!   Green = "g",          Color["Green"] = "g";
//! }                     })(Color || (Color = {}));
//! ```
//!
//! `const enum` is emitted the same way, as single-file transpilers do: uses are
//! property reads on the object, not inlined constants.

use std::collections::{HashMap, HashSet};

use oxc_ast::ast::*;
use oxc_ast_visit::Visit;
use oxc_span::GetSpan;

use super::{EnumScope, Stripper};

#[derive(Clone)]
enum Value {
    Num(f64),
    Str(String),
}

/// What the previous member left for an initializer-less member to count on from.
enum Previous {
    Start,
    Num(f64),
    Str,
    /// A non-constant numeric initializer: count on from the object's value at run time.
    Unknown(String),
}

impl<'a> Stripper<'a> {
    /// `namespace`: the IIFE parameter of the enclosing namespace when the enum is one of its
    /// exported members.
    pub(super) fn lower_enum(&mut self, e: &TSEnumDeclaration<'a>, namespace: Option<&str>) {
        let name = e.id.name.as_str();
        let members: HashSet<&'a str> = e.body.members.iter().map(|m| member_name(&m.id)).collect();
        // TypeScript renames the parameter when a member would shadow the enum's own name.
        let param = if members.contains(name) {
            format!("{name}_1")
        } else {
            name.to_owned()
        };
        let header = format!("var {name}; (function ({param}) {{");
        self.edits
            .replace(e.span.start, e.body.span.start + 1, header);

        // Initializers are walked with the member names in scope (set once for the enum).
        let outer = self.enum_scope.replace(EnumScope {
            param: param.clone(),
            members,
        });
        let mut known: HashMap<&'a str, Value> = HashMap::new();
        let mut previous = Previous::Start;
        for m in &e.body.members {
            let member = member_name(&m.id);
            let key = quote(member);
            match &m.initializer {
                Some(init) => {
                    let value = evaluate(init, &known, name);
                    let is_string = matches!(value, Some(Value::Str(_)))
                        || matches!(init.without_parentheses(), Expression::TemplateLiteral(_));
                    let span = init.span();
                    let (prefix, suffix) = if is_string {
                        (format!("{param}[{key}] = "), ";".to_owned())
                    } else {
                        (format!("{param}[{param}[{key}] = "), format!("] = {key};"))
                    };
                    self.edits.replace(m.span.start, span.start, prefix);
                    self.visit_expression(init);
                    self.edits.insert(span.end, suffix);
                    previous = match &value {
                        Some(Value::Num(n)) => Previous::Num(*n),
                        Some(Value::Str(_)) => Previous::Str,
                        None if is_string => Previous::Str,
                        None => Previous::Unknown(key.clone()),
                    };
                    if let Some(v) = value {
                        known.insert(member, v);
                    }
                }
                None => {
                    let (value, next) = match &previous {
                        Previous::Start => (js_number(0.0), Previous::Num(0.0)),
                        Previous::Num(n) => (js_number(n + 1.0), Previous::Num(n + 1.0)),
                        Previous::Unknown(prev) => (
                            format!("{param}[{prev}] + 1"),
                            Previous::Unknown(key.clone()),
                        ),
                        Previous::Str => {
                            self.refuse(m.span.start, "enum member must have initializer");
                            break;
                        }
                    };
                    if let Previous::Num(n) = next {
                        known.insert(member, Value::Num(n));
                    }
                    previous = next;
                    let text = format!("{param}[{param}[{key}] = {value}] = {key};");
                    self.edits.replace(m.span.start, m.span.end, text);
                }
            }
            self.blank_punct_after(m.span.end, b',');
        }
        self.enum_scope = outer;
        let footer = match namespace {
            None => format!("}})({name} || ({name} = {{}}));"),
            Some(ns) => format!("}})({name} = {ns}.{name} || ({ns}.{name} = {{}}));"),
        };
        self.edits
            .replace(e.body.span.end - 1, e.body.span.end, footer);
    }
}

fn member_name<'a>(id: &TSEnumMemberName<'a>) -> &'a str {
    match id {
        TSEnumMemberName::Identifier(i) => i.name.as_str(),
        TSEnumMemberName::String(s) | TSEnumMemberName::ComputedString(s) => s.value.as_str(),
        TSEnumMemberName::ComputedTemplateString(t) => t
            .quasis
            .first()
            .and_then(|q| q.value.cooked)
            .map_or("", |c| c.as_str()),
    }
}

/// TypeScript's constant evaluation of enum initializers: literals, references to earlier
/// members (`A`, `E.A`, `E["A"]`), parentheses, unary `+ - ~` and the binary arithmetic,
/// bitwise and string `+` operators. Anything else is computed at run time.
fn evaluate(e: &Expression<'_>, known: &HashMap<&str, Value>, enum_name: &str) -> Option<Value> {
    match e {
        Expression::NumericLiteral(n) => Some(Value::Num(n.value)),
        Expression::StringLiteral(s) => Some(Value::Str(s.value.as_str().to_owned())),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => t
            .quasis
            .first()?
            .value
            .cooked
            .map(|c| Value::Str(c.as_str().to_owned())),
        Expression::ParenthesizedExpression(p) => evaluate(&p.expression, known, enum_name),
        Expression::Identifier(id) => known.get(id.name.as_str()).cloned(),
        Expression::StaticMemberExpression(m) => match &m.object {
            Expression::Identifier(o) if o.name == enum_name => {
                known.get(m.property.name.as_str()).cloned()
            }
            _ => None,
        },
        Expression::ComputedMemberExpression(m) => match (&m.object, &m.expression) {
            (Expression::Identifier(o), Expression::StringLiteral(k)) if o.name == enum_name => {
                known.get(k.value.as_str()).cloned()
            }
            _ => None,
        },
        Expression::UnaryExpression(u) => {
            let Value::Num(v) = evaluate(&u.argument, known, enum_name)? else {
                return None;
            };
            match u.operator {
                UnaryOperator::UnaryPlus => Some(Value::Num(v)),
                UnaryOperator::UnaryNegation => Some(Value::Num(-v)),
                UnaryOperator::BitwiseNot => Some(Value::Num(f64::from(!to_int32(v)))),
                _ => None,
            }
        }
        Expression::BinaryExpression(b) => {
            let left = evaluate(&b.left, known, enum_name)?;
            let right = evaluate(&b.right, known, enum_name)?;
            binary(b.operator, left, right)
        }
        _ => None,
    }
}

fn binary(op: BinaryOperator, left: Value, right: Value) -> Option<Value> {
    use BinaryOperator as B;
    let (l, r) = match (left, right) {
        (Value::Num(l), Value::Num(r)) => (l, r),
        (l, r) if op == B::Addition => return Some(Value::Str(to_string(&l) + &to_string(&r))),
        _ => return None,
    };
    let shift = |r: f64| to_uint32(r) & 31;
    let n = match op {
        B::Addition => l + r,
        B::Subtraction => l - r,
        B::Multiplication => l * r,
        B::Division => l / r,
        B::Remainder => l % r,
        B::Exponential => l.powf(r),
        B::BitwiseOR => f64::from(to_int32(l) | to_int32(r)),
        B::BitwiseAnd => f64::from(to_int32(l) & to_int32(r)),
        B::BitwiseXOR => f64::from(to_int32(l) ^ to_int32(r)),
        B::ShiftLeft => f64::from(to_int32(l).wrapping_shl(shift(r))),
        B::ShiftRight => f64::from(to_int32(l).wrapping_shr(shift(r))),
        B::ShiftRightZeroFill => f64::from(to_uint32(l).wrapping_shr(shift(r))),
        _ => return None,
    };
    Some(Value::Num(n))
}

fn to_string(v: &Value) -> String {
    match v {
        Value::Num(n) => js_number(*n),
        Value::Str(s) => s.clone(),
    }
}

/// ECMAScript ToUint32.
fn to_uint32(v: f64) -> u32 {
    if !v.is_finite() {
        return 0;
    }
    // The cast saturates, so reduce modulo 2^32 in floating point first.
    let m = v.trunc().rem_euclid(4_294_967_296.0);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "m is in 0..2^32"
    )]
    let u = m as u32;
    u
}

/// ECMAScript ToInt32.
fn to_int32(v: f64) -> i32 {
    #[allow(
        clippy::cast_possible_wrap,
        reason = "ToInt32 is ToUint32 reinterpreted"
    )]
    let i = to_uint32(v) as i32;
    i
}

/// ECMAScript Number::toString for the values enum arithmetic produces.
pub(super) fn js_number(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if v == 0.0 {
        return "0".to_owned();
    }
    let magnitude = v.abs();
    if (1e-6..1e21).contains(&magnitude) {
        // Rust's `Display` for f64 is the shortest round-trip form without an exponent.
        return format!("{v}");
    }
    let s = format!("{v:e}");
    match s.split_once('e') {
        Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
        _ => s,
    }
}

/// A double-quoted JavaScript string literal.
pub(super) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{js_number, quote, to_int32};

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(js_number(3.0), "3");
        assert_eq!(js_number(-1.5), "-1.5");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(1e-7), "1e-7");
        assert_eq!(js_number(f64::NAN), "NaN");
        assert_eq!(to_int32(4_294_967_295.0), -1);
        assert_eq!(to_int32(2_147_483_648.0), -2_147_483_648);
    }

    #[test]
    fn quotes_escape() {
        assert_eq!(quote("a\"b\\\n"), "\"a\\\"b\\\\\\n\"");
    }
}
