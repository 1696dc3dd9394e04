//! What the file uses as values, and which of its top-level names exist only as types.
//!
//! TypeScript drops an import whose bindings are only used in type positions (`import {
//! BusinessError } from '@kit.BasicServicesKit'` used only in `(err: BusinessError)`), and
//! an `export { X }` whose `X` is an interface. Without the same elision the JavaScript
//! engine would ask the imported module for exports that do not exist at run time.

use std::collections::HashSet;

use oxc_ast::ast::*;
use oxc_ast_visit::{walk_js, VisitJs};

use crate::strip::is_type_only_declaration;

/// Facts gathered before rewriting.
#[derive(Default)]
pub(crate) struct Facts<'a> {
    /// Every name read in a value position anywhere in the file (scopes ignored, so a
    /// shadowed use counts too: that only ever keeps an import, never drops a needed one).
    pub(crate) used: HashSet<&'a str>,
    /// Top-level names declared only as types (interfaces, type aliases, `declare`d and
    /// type-only imported names) and never as values.
    pub(crate) type_only: HashSet<&'a str>,
}

pub(crate) fn analyze<'a>(program: &Program<'a>) -> Facts<'a> {
    let mut uses = Uses::default();
    uses.visit_program(program);
    let mut types = HashSet::new();
    let mut values = HashSet::new();
    for stmt in &program.body {
        let decl = match stmt {
            Statement::ExportDeclaration(e) => Some(&e.declaration),
            Statement::ImportDeclaration(i) => {
                imported_names(i, &mut types, &mut values);
                None
            }
            other => other.as_declaration(),
        };
        let Some(decl) = decl else { continue };
        let names: Vec<&'a str> = match decl {
            Declaration::VariableDeclaration(v) => v
                .declarations
                .iter()
                .flat_map(|d| d.id.get_binding_identifiers())
                .map(|b| b.name.as_str())
                .collect(),
            other => other.id().map(|b| b.name.as_str()).into_iter().collect(),
        };
        let set = if is_type_only_declaration(decl) {
            &mut types
        } else {
            &mut values
        };
        set.extend(names);
    }
    Facts {
        used: uses.names,
        type_only: types.difference(&values).copied().collect(),
    }
}

fn imported_names<'a>(
    import: &ImportDeclaration<'a>,
    types: &mut HashSet<&'a str>,
    values: &mut HashSet<&'a str>,
) {
    let Some(specifiers) = &import.specifiers else {
        return;
    };
    for spec in specifiers {
        let (name, is_type) = match spec {
            ImportDeclarationSpecifier::ImportSpecifier(s) => {
                (s.local.name.as_str(), s.import_kind.is_type())
            }
            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => (s.local.name.as_str(), false),
            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                (s.local.name.as_str(), false)
            }
        };
        if is_type || import.import_kind.is_type() {
            types.insert(name);
        } else {
            values.insert(name);
        }
    }
}

/// Collects value-position identifier references. `VisitJs` already skips the type grammar.
#[derive(Default)]
struct Uses<'a> {
    names: HashSet<&'a str>,
}

impl<'a> VisitJs<'a> for Uses<'a> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        self.names.insert(it.name.as_str());
    }

    // Decorators are removed from the output, so what they reference is not a use.
    fn visit_decorator(&mut self, _it: &Decorator<'a>) {}

    fn visit_export_named_declaration(&mut self, it: &ExportNamedDeclaration<'a>) {
        if it.export_kind.is_type() {
            return;
        }
        for spec in it.specifiers.iter().filter(|s| s.export_kind.is_value()) {
            walk_js::walk_module_export_name(self, &spec.local);
        }
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        // Declarations that vanish cannot use anything at run time.
        let vanishes = match it {
            Statement::ExportDeclaration(e) => is_type_only_declaration(&e.declaration),
            other => other.as_declaration().is_some_and(is_type_only_declaration),
        };
        if !vanishes {
            walk_js::walk_statement(self, it);
        }
    }
}
