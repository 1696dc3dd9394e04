//! Unhandled-rejection reporting: promises handled before the end of the
//! macrotask are not reported, however many are pending at once; the others are
//! reported in the order they were rejected.

use std::rc::Rc;

use jsrun_runtime::{CaptureConsole, Runtime, Stream};

fn run(name: &str, code: &str) -> (Result<(), jsrun_runtime::Error>, Vec<String>) {
    let console = Rc::new(CaptureConsole::default());
    let mut rt = Runtime::builder()
        .console(console.clone())
        .build()
        .expect("runtime");
    let dir = std::env::temp_dir().join(format!("jsrun-rejections-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{name}.js"));
    std::fs::write(&file, code).expect("write script");
    let result = rt.run_file(&file);
    let errors = console
        .lines()
        .into_iter()
        .filter(|(s, _)| *s == Stream::Stderr)
        .map(|(_, l)| l)
        .collect();
    (result, errors)
}

#[test]
fn many_rejections_handled_in_the_same_turn_are_not_reported() {
    let (result, errors) = run(
        "many_handled",
        "const ps = [];\n\
         for (let i = 0; i < 20000; i++) ps.push(Promise.reject(new Error('e' + i)));\n\
         let n = 0;\n\
         for (const p of ps) p.catch(() => { n++; });\n\
         setTimeout(() => { if (n !== 20000) throw new Error('handled ' + n); }, 0);\n",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn unhandled_rejections_are_reported_in_rejection_order() {
    let (result, errors) = run(
        "reported_in_order",
        "const a = Promise.reject('first');\n\
         const b = Promise.reject('handled');\n\
         const c = Promise.reject('third');\n\
         b.catch(() => {});\n",
    );
    assert!(result.is_err());
    let reported: Vec<&String> = errors
        .iter()
        .filter(|l| l.starts_with("Uncaught (in promise)"))
        .collect();
    assert_eq!(reported.len(), 2, "{errors:?}");
    assert!(reported[0].contains("first"), "{errors:?}");
    assert!(reported[1].contains("third"), "{errors:?}");
}
