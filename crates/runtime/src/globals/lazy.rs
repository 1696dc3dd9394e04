//! Globals set up the first time a script touches them.
//!
//! Registering boa_runtime's `TextEncoder`/`TextDecoder` and `URL` costs more
//! instructions than all of jsrun's other globals together, and most scripts
//! never use them. Each such name is an enumerable, configurable accessor on the
//! global object for the whole run: the first read sets up its group (both
//! encoding classes together) and returns the value, later reads return it, an
//! assignment replaces it (like a writable data property).
//!
//! Why the accessor stays: Boa 0.22 caches a property read at a given place in
//! the code with the object's shape as it is *after* a getter ran but the slot
//! as it was *before*. A getter that turned its own accessor into a data property
//! left a cache entry that calls the new value as if it were the getter
//! (`function f() { return new URL(u) }` failed on its second call). So a getter
//! here never changes the shape it was read through: the registration's data
//! properties are turned back into the accessors before the getter returns.
//! `process.env` and `URLSearchParams` (in `globals.rs`) follow the same rule
//! through [`value_accessors`].

use std::cell::{Cell, RefCell};

use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::object::builtins::JsFunction;
use boa_engine::object::JsObject;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsResult, JsString, JsValue, NativeFunction};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};
use boa_runtime::extensions::UrlExtension;
use boa_runtime::RuntimeExtension;

use super::func;

/// A set of globals registered together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Group {
    Encoding,
    Url,
}

impl Group {
    fn names(self) -> &'static [&'static str] {
        match self {
            Group::Encoding => &["TextDecoder", "TextEncoder"],
            Group::Url => &["URL"],
        }
    }

    fn bit(self) -> u8 {
        match self {
            Group::Encoding => 1,
            Group::Url => 2,
        }
    }

    fn register(self, ctx: &mut Context) -> JsResult<()> {
        match self {
            Group::Encoding => super::encoding::register(ctx),
            Group::Url => UrlExtension.register(None, ctx),
        }
    }

    /// What to do once the group's values exist, before any script sees them.
    fn after(self, ctx: &mut Context) -> JsResult<()> {
        match self {
            Group::Encoding => Ok(()),
            Group::Url => super::patch_search_params(ctx),
        }
    }
}

struct Entry {
    group: Group,
    name: &'static str,
    getter: JsFunction,
    setter: JsFunction,
    /// The value scripts see: set up on first read, or assigned by a script.
    value: Option<JsValue>,
}

/// The accessors of every lazy global and which groups are set up already.
#[derive(Default)]
struct LazyGlobals {
    entries: RefCell<Vec<Entry>>,
    done: Cell<u8>,
}

/// Puts the accessors of `group` on the global object (where the group's real
/// registration would have put its names, so that the order of the global's
/// keys is the same).
pub(super) fn register(group: Group, ctx: &mut Context) -> JsResult<()> {
    if ctx.get_data::<LazyGlobals>().is_none() {
        ctx.insert_data(LazyGlobals::default());
    }
    for &name in group.names() {
        let getter = func(
            ctx,
            NativeFunction::from_copy_closure(move |_, _, ctx| read(group, name, ctx)),
            JsString::from(format!("get {name}").as_str()),
            0,
        );
        let setter = func(
            ctx,
            NativeFunction::from_copy_closure(move |_, args, ctx| {
                let value = args.first().cloned().unwrap_or_default();
                with_entry(name, ctx, |e| e.value = Some(value));
                Ok(JsValue::undefined())
            }),
            JsString::from(format!("set {name}").as_str()),
            1,
        );
        define_accessor(name, &getter, &setter, ctx)?;
        if let Some(state) = ctx.get_data::<LazyGlobals>() {
            state.entries.borrow_mut().push(Entry {
                group,
                name,
                getter,
                setter,
                value: None,
            });
        }
    }
    Ok(())
}

fn define_accessor(
    name: &str,
    getter: &JsFunction,
    setter: &JsFunction,
    ctx: &mut Context,
) -> JsResult<()> {
    ctx.global_object().define_property_or_throw(
        JsString::from(name),
        PropertyDescriptor::builder()
            .get(getter.clone())
            .set(setter.clone())
            .enumerable(true)
            .configurable(true),
        ctx,
    )?;
    Ok(())
}

fn with_entry<R>(name: &str, ctx: &Context, f: impl FnOnce(&mut Entry) -> R) -> Option<R> {
    let state = ctx.get_data::<LazyGlobals>()?;
    let mut entries = state.entries.borrow_mut();
    entries.iter_mut().find(|e| e.name == name).map(f)
}

fn read(group: Group, name: &'static str, ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(Some(v)) = with_entry(name, ctx, |e| e.value.clone()) {
        return Ok(v);
    }
    set_up(group, ctx)?;
    Ok(with_entry(name, ctx, |e| e.value.clone())
        .flatten()
        .unwrap_or_default())
}

/// Registers `group`, keeps the values it defined on the global object, and
/// puts back what was there before: our accessors, or whatever a script put in
/// their place (redefined or deleted).
fn set_up(group: Group, ctx: &mut Context) -> JsResult<()> {
    let Some(state) = ctx.get_data::<LazyGlobals>() else {
        return Ok(());
    };
    if state.done.get() & group.bit() != 0 {
        return Ok(());
    }
    state.done.set(state.done.get() | group.bit());
    let accessors: Vec<(&'static str, JsFunction, JsFunction)> = state
        .entries
        .borrow()
        .iter()
        .filter(|e| e.group == group)
        .map(|e| (e.name, e.getter.clone(), e.setter.clone()))
        .collect();

    let global = ctx.global_object();
    let mut before = Vec::new();
    for (name, getter, _) in &accessors {
        let desc = OrdinaryObject::get_own_property_descriptor(
            &JsValue::undefined(),
            &[global.clone().into(), JsString::from(*name).into()],
            ctx,
        )?;
        let prior = match desc.as_object() {
            None => Prior::Absent,
            Some(d) => {
                let get = d.get(js_string!("get"), ctx)?;
                if get
                    .as_object()
                    .is_some_and(|g| JsObject::equals(&g, &JsObject::from(getter.clone())))
                {
                    Prior::Ours
                } else {
                    Prior::Script(desc.to_property_descriptor(ctx)?)
                }
            }
        };
        before.push(prior);
    }

    group.register(ctx)?;
    for (name, _, _) in &accessors {
        let value = global.get(JsString::from(*name), ctx)?;
        with_entry(name, ctx, |e| {
            if e.value.is_none() {
                e.value = Some(value);
            }
        });
    }
    for ((name, getter, setter), prior) in accessors.iter().zip(before) {
        match prior {
            Prior::Ours => define_accessor(name, getter, setter, ctx)?,
            Prior::Script(desc) => {
                global.define_property_or_throw(JsString::from(*name), desc, ctx)?;
            }
            Prior::Absent => {
                global.delete_property_or_throw(JsString::from(*name), ctx)?;
            }
        }
    }
    group.after(ctx)
}

/// What a group's name was on the global object before the group was set up.
enum Prior {
    Ours,
    Script(PropertyDescriptor),
    Absent,
}

/// The value behind a pair of [`value_accessors`]: computed on first read,
/// or whatever a script assigned.
#[derive(Trace, Finalize)]
struct Slot {
    value: GcRefCell<Option<JsValue>>,
    #[unsafe_ignore_trace]
    init: fn(&mut Context) -> JsResult<JsValue>,
}

/// A getter and a setter for one lazily computed property: the first read
/// calls `init` and keeps its value, later reads return it, an assignment
/// replaces it. Both stay in place for the whole run (see the module docs for
/// why the accessor never turns itself into a data property).
pub(super) fn value_accessors(
    ctx: &mut Context,
    name: &str,
    init: fn(&mut Context) -> JsResult<JsValue>,
) -> (JsFunction, JsFunction) {
    let slot = Gc::new(Slot {
        value: GcRefCell::new(None),
        init,
    });
    let getter = func(
        ctx,
        NativeFunction::from_copy_closure_with_captures(
            |_, _, slot: &Gc<Slot>, ctx| {
                if let Some(v) = slot.value.borrow().clone() {
                    return Ok(v);
                }
                let v = (slot.init)(ctx)?;
                *slot.value.borrow_mut() = Some(v.clone());
                Ok(v)
            },
            slot.clone(),
        ),
        JsString::from(format!("get {name}").as_str()),
        0,
    );
    let setter = func(
        ctx,
        NativeFunction::from_copy_closure_with_captures(
            |_, args, slot: &Gc<Slot>, _| {
                *slot.value.borrow_mut() = Some(args.first().cloned().unwrap_or_default());
                Ok(JsValue::undefined())
            },
            slot,
        ),
        JsString::from(format!("set {name}").as_str()),
        1,
    );
    (getter, setter)
}
