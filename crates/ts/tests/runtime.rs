//! The lowered constructs behave as TypeScript's output does when Boa runs them.

mod support;

use support::{eval, strip_ok};

fn run(ts: &str) -> String {
    eval(&strip_ok(ts, "run.ts").code)
}

#[test]
fn enums_build_the_same_object_as_typescript() {
    let ts = "enum D {\n  Up = 1,\n  Down,\n  Left = 'L',\n  Right = Left.length,\n  Mask = Up | Down << 4,\n  'x y' = 7,\n}\nJSON.stringify(D)";
    assert_eq!(
        run(ts),
        r#"{"1":"Right","2":"Down","7":"x y","33":"Mask","Up":1,"Down":2,"Left":"L","Right":1,"Mask":33,"x y":7}"#
    );
    let ts =
        "const enum F { A = 1 << 0, B = 1 << 1, AB = A | B }\nconst f: F = F.AB;\n[f, F[3]].join()";
    assert_eq!(run(ts), "3,AB");
}

#[test]
fn enum_declarations_merge() {
    assert_eq!(
        run("enum E { A }\nenum E { B = 5 }\n[E.A, E.B, E[5]].join()"),
        "0,5,B"
    );
}

#[test]
fn parameter_properties_are_set_before_the_body_runs() {
    let ts = "class Base { constructor(public id: number) {} }\nclass Item extends Base {\n  seen: string;\n  constructor(id: number, private readonly name: string, public tags: string[] = []) {\n    super(id);\n    this.seen = this.name + this.tags.length;\n  }\n}\nconst i = new Item(7, 'n');\nJSON.stringify(i)";
    assert_eq!(run(ts), r#"{"id":7,"seen":"n0","name":"n","tags":[]}"#);
}

#[test]
fn namespaces_export_their_members() {
    let ts = "namespace Geo {\n  export const PI: number = 3;\n  export function area(r: number) { return PI * r * r; }\n  export enum U { Cm }\n  export namespace In { export const k = 2 }\n  const hidden = 1;\n}\nnamespace Geo { export const more = 1 }\nnamespace A.B { export const c = 'c' }\nJSON.stringify([Geo.PI, Geo.area(2), Geo.U.Cm, Geo.In.k, Geo.more, 'hidden' in Geo, A.B.c])";
    assert_eq!(run(ts), r#"[3,12,0,2,1,false,"c"]"#);
}

#[test]
fn namespace_merges_with_a_function() {
    let ts = "function f() { return 1 }\nnamespace f { export const extra = 2 }\nf() + f.extra";
    assert_eq!(run(ts), "3");
}

#[test]
fn abstract_classes_and_accessors_run() {
    let ts = "abstract class S { abstract area(): number; describe(): string { return 'a=' + this.area(); } }\nclass Sq extends S { constructor(private s: number) { super(); } area() { return this.s ** 2; } get side(): number { return this.s } }\nconst q = new Sq(3);\nq.describe() + ',' + q.side";
    assert_eq!(run(ts), "a=9,3");
}

#[test]
fn runtime_errors_point_at_the_original_line_and_column() {
    let ts = "interface Opts { n: number }\nfunction check(o: Opts): void {\n  const v: number = o.n as number;\n  if (v > 1) { throw new Error('too big: ' + v); }\n}\ntry { check({ n: 2 } satisfies Opts); 'no error' } catch (e: any) { e.stack }";
    let stack = run(ts);
    // Boa reports a frame at its `new Error` (line 4) and the caller at its call's `(`
    // (line 6); both positions are those of the TypeScript source, types and all.
    let column_of = |line: usize, needle: &str| {
        ts.lines()
            .nth(line - 1)
            .and_then(|l| l.find(needle))
            .map_or(0, |c| c + 1)
    };
    let throw_site = format!(":4:{}", column_of(4, "new Error"));
    let call_site = format!(":6:{}", column_of(6, "({ n: 2 }"));
    assert_eq!(
        (throw_site.as_str(), call_site.as_str()),
        (":4:22", ":6:12")
    );
    assert!(
        stack.contains(&throw_site) && stack.contains(&call_site),
        "{stack}"
    );
}
