//! Imports and exports: type-only forms vanish, imports used only as types are elided as
//! TypeScript elides them, `export =` and `import x = require()` become CommonJS.

use oxc_ast::ast::*;
use oxc_ast_visit::Visit;
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::ScopeFlags;

use super::{is_type_only_declaration, Stripper};
use crate::scan;

impl<'a> Stripper<'a> {
    fn remove_module_item(&mut self, span: Span) {
        self.removed_module_items.push(span);
    }

    /// Blanks a list element and the comma after it.
    fn blank_list_item(&mut self, span: Span) {
        self.blank(span);
        self.blank_punct_after(span.end, b',');
    }

    pub(super) fn import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        if it.import_kind.is_type() {
            self.remove_module_item(it.span);
            return;
        }
        let Some(specifiers) = &it.specifiers else {
            self.module_item_kept = true;
            return;
        };
        let unused = |name: &str| !self.facts.used.contains(name);
        let removed: Vec<bool> = specifiers
            .iter()
            .map(|s| match s {
                ImportDeclarationSpecifier::ImportSpecifier(s) => {
                    s.import_kind.is_type() || unused(s.local.name.as_str())
                }
                ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                    unused(s.local.name.as_str())
                }
                ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                    unused(s.local.name.as_str())
                }
            })
            .collect();
        if !specifiers.is_empty() && removed.iter().all(|r| *r) {
            self.remove_module_item(it.span);
            return;
        }
        self.module_item_kept = true;
        let mut previous_end = None;
        for (spec, removed) in specifiers.iter().zip(removed) {
            let span = spec.span();
            if removed {
                match spec {
                    // `import D, * as ns` keeping D: the comma is before the namespace.
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(_) => {
                        self.edits
                            .blank(previous_end.unwrap_or(span.start), span.end);
                    }
                    // A removed last named import leaves a trailing comma, which is valid.
                    _ => self.blank_list_item(span),
                }
            }
            previous_end = Some(span.end);
        }
    }

    pub(super) fn export_named(&mut self, it: &ExportNamedDeclaration<'a>) {
        if it.export_kind.is_type() {
            self.remove_module_item(it.span);
            return;
        }
        self.module_item_kept = true;
        for spec in &it.specifiers {
            let local_is_type = match &spec.local {
                ModuleExportName::IdentifierReference(r) => {
                    self.facts.type_only.contains(r.name.as_str())
                }
                ModuleExportName::IdentifierName(n) => {
                    self.facts.type_only.contains(n.name.as_str())
                }
                ModuleExportName::StringLiteral(_) => false,
            };
            if spec.export_kind.is_type() || local_is_type {
                // Leaves `export { }` at worst, which is valid and keeps the file a module.
                self.blank_list_item(spec.span);
            }
        }
    }

    pub(super) fn export_from(&mut self, it: &ExportFromDeclaration<'a>) {
        let types = it
            .specifiers
            .iter()
            .filter(|s| s.export_kind.is_type())
            .count();
        if it.export_kind.is_type() || (types > 0 && types == it.specifiers.len()) {
            self.remove_module_item(it.span);
            return;
        }
        self.module_item_kept = true;
        for spec in it.specifiers.iter().filter(|s| s.export_kind.is_type()) {
            self.blank_list_item(spec.span);
        }
    }

    pub(super) fn export_all(&mut self, it: &ExportAllDeclaration<'a>) {
        if it.export_kind.is_type() {
            self.remove_module_item(it.span);
        } else {
            self.module_item_kept = true;
        }
    }

    pub(super) fn export_default(&mut self, it: &ExportDefaultDeclaration<'a>) {
        match &it.declaration {
            ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => {
                self.remove_module_item(it.span);
            }
            ExportDefaultDeclarationKind::FunctionDeclaration(f)
                if f.declare || f.body.is_none() =>
            {
                self.remove_module_item(it.span);
            }
            ExportDefaultDeclarationKind::Identifier(id)
                if self.facts.type_only.contains(id.name.as_str()) =>
            {
                self.remove_module_item(it.span);
            }
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                self.module_item_kept = true;
                self.visit_function(f, ScopeFlags::Function);
            }
            ExportDefaultDeclarationKind::ClassDeclaration(c) => {
                self.module_item_kept = true;
                self.visit_class(c);
            }
            other => {
                self.module_item_kept = true;
                if let Some(e) = other.as_expression() {
                    self.visit_expression(e);
                }
            }
        }
    }

    pub(super) fn export_declaration(&mut self, it: &ExportDeclaration<'a>) {
        if is_type_only_declaration(&it.declaration) {
            self.remove_module_item(it.span);
            return;
        }
        self.module_item_kept = true;
        self.declaration(&it.declaration, it.span, Some(it.span));
    }

    /// `export = value` → `module.exports = value`.
    pub(super) fn export_assignment(&mut self, it: &TSExportAssignment<'a>) {
        self.edits.replace(
            it.span.start,
            it.expression.span().start,
            "module.exports = ",
        );
        self.visit_expression(&it.expression);
    }

    /// `import x = …` as a statement: elided when `x` is never used as a value.
    pub(super) fn import_equals(&mut self, it: &TSImportEqualsDeclaration<'a>, stmt: Span) {
        if it.import_kind.is_type() || !self.facts.used.contains(it.id.name.as_str()) {
            self.blank_statement(stmt);
            return;
        }
        self.lower_import_equals(it);
    }

    /// `import x = require("m")` → `const x = require("m")`; `import x = A.B` → `var x = A.B`.
    pub(super) fn lower_import_equals(&mut self, it: &TSImportEqualsDeclaration<'a>) {
        let keyword = if matches!(
            it.module_reference,
            TSModuleReference::ExternalModuleReference(_)
        ) {
            "const"
        } else {
            "var"
        };
        let found = scan::find_word(
            self.src,
            it.span.start as usize,
            it.id.span.start as usize,
            "import",
        );
        match found.and_then(|at| u32::try_from(at).ok()) {
            Some(at) => self.edits.replace(at, at + 6, keyword),
            None => self.refuse(it.span.start, "could not find the `import` keyword"),
        }
    }
}
