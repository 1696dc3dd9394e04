//! The global `getContext(this)`: an application context whose `filesDir`,
//! `cacheDir` and `tempDir` are folders of the running script.
//!
//! Where: `$JSRUN_DATA_DIR` when set; otherwise
//! `$XDG_DATA_HOME/jsrun/<script stem>-<hash of its absolute path>` (with
//! `~/.local/share` for an unset `XDG_DATA_HOME`, and the system temp folder
//! when there is no home), or `…/jsrun/eval` when no script file runs. The
//! three folders are `files`, `cache` and `temp` inside it, created on the
//! first `getContext()` call. The same object is returned on every call.

use std::path::{Path, PathBuf};

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::property::{Attribute, PropertyDescriptor};
use boa_engine::{js_string, Context, JsObject, JsResult, JsString, JsValue, NativeFunction};
use jsrun_runtime::Host;

/// The folders of one runtime's application context.
#[derive(Clone, Debug)]
pub(crate) struct AppDirs {
    pub(crate) files: PathBuf,
    pub(crate) cache: PathBuf,
    pub(crate) temp: PathBuf,
}

/// The context object, built once per runtime.
struct ContextSlot(JsObject);

/// Defines the global `getContext`.
pub(crate) fn define_get_context(ctx: &mut Context) -> JsResult<()> {
    let f = FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(get_context))
        .name(js_string!("getContext"))
        .length(1)
        .build();
    ctx.register_global_property(
        js_string!("getContext"),
        f,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )
}

/// The folders of the running script (computed, not created).
pub(crate) fn app_dirs(ctx: &Context) -> AppDirs {
    let base = match std::env::var_os("JSRUN_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => {
            let main = Host::get(ctx).ok().and_then(|h| h.script_info().main);
            default_base(main.as_deref())
        }
    };
    AppDirs {
        files: base.join("files"),
        cache: base.join("cache"),
        temp: base.join("temp"),
    }
}

fn default_base(main: Option<&Path>) -> PathBuf {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local").join("share"))
        })
        .unwrap_or_else(std::env::temp_dir);
    let root = data_home.join("jsrun");
    let Some(main) = main else {
        return root.join("eval");
    };
    let absolute = std::fs::canonicalize(main).unwrap_or_else(|_| main.to_path_buf());
    let stem = main
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "script".into());
    let hash = fnv1a(absolute.to_string_lossy().as_bytes());
    root.join(format!("{stem}-{:08x}", hash as u32))
}

/// FNV-1a: a stable, dependency-free hash for folder names.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn get_context(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(slot) = ctx.get_data::<ContextSlot>() {
        return Ok(slot.0.clone().into());
    }
    let dirs = app_dirs(ctx);
    for dir in [&dirs.files, &dirs.cache, &dirs.temp] {
        // A folder that cannot be made shows up as an error when the script
        // writes to it, naming the path: more useful than failing here.
        let _ = std::fs::create_dir_all(dir);
    }
    let obj = JsObject::with_object_proto(ctx.intrinsics());
    let base = dirs
        .files
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let props = [
        ("filesDir", &dirs.files),
        ("cacheDir", &dirs.cache),
        ("tempDir", &dirs.temp),
        ("databaseDir", &base.join("database")),
        ("preferencesDir", &base.join("preferences")),
    ];
    for (name, path) in props {
        obj.insert_property(
            JsString::from(name),
            PropertyDescriptor::builder()
                .value(JsString::from(path.to_string_lossy().as_ref()))
                .writable(true)
                .enumerable(true)
                .configurable(true),
        );
    }
    ctx.insert_data(ContextSlot(obj.clone()));
    Ok(obj.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_base_depends_on_the_script_path() {
        let a = default_base(Some(Path::new("/x/a.ts")));
        let b = default_base(Some(Path::new("/y/a.ts")));
        assert_ne!(a, b);
        let name = a.file_name().map(|n| n.to_string_lossy().into_owned());
        assert!(name.is_some_and(|n| n.starts_with("a-") && n.len() == 10));
        assert!(default_base(None).ends_with("jsrun/eval"));
    }
}
