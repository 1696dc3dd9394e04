//! `namespace N { … }` (and `module N`, `namespace A.B`) → the IIFE TypeScript emits, with the
//! header on the opening line and the footer on the closing line:
//!
//! ```text
//! namespace N {               var N; (function (N) {
//!   export const x = 1;         const x = 1; N.x = x;
//!   export function f() {}      function f() {} N.f = f;
//! }                           })(N || (N = {}));
//! ```
//!
//! Exported variables are copied to the namespace object after their declaration; TypeScript
//! instead rewrites every later use of them to `N.x`, so a later assignment inside the
//! namespace is not seen through `N.x` here (documented in the README).

use oxc_ast::ast::*;
use oxc_ast_visit::Visit;
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::ScopeFlags;

use super::{is_type_only_declaration, Stripper};

/// True when a namespace has run-time content (TypeScript's "instantiated" namespaces).
pub(crate) fn is_instantiated(ns: &TSNamespaceDeclaration<'_>) -> bool {
    match &ns.body {
        TSNamespaceDeclarationBody::TSNamespaceDeclaration(inner) => {
            !inner.declare && is_instantiated(inner)
        }
        TSNamespaceDeclarationBody::TSModuleBlock(block) => block.body.iter().any(|s| match s {
            Statement::ExportDeclaration(e) => !is_type_only_declaration(&e.declaration),
            Statement::EmptyStatement(_) => false,
            other => other
                .as_declaration()
                .is_none_or(|d| !is_type_only_declaration(d)),
        }),
    }
}

impl<'a> Stripper<'a> {
    /// `parent`: the enclosing namespace's parameter when this one is its exported member.
    /// `export`: the `export …` statement around a top-level exported namespace.
    pub(super) fn lower_namespace(
        &mut self,
        ns: &TSNamespaceDeclaration<'a>,
        parent: Option<&str>,
        export: Option<Span>,
    ) {
        let mut chain = vec![ns];
        let mut current = ns;
        let block = loop {
            match &current.body {
                TSNamespaceDeclarationBody::TSNamespaceDeclaration(inner) => {
                    chain.push(inner);
                    current = inner;
                }
                TSNamespaceDeclarationBody::TSModuleBlock(block) => break block,
            }
        };
        let names: Vec<&'a str> = chain.iter().map(|n| n.id.name.as_str()).collect();
        // Merging with a class or function of the same name: that binding already exists.
        let skip_var = parent.is_none() && self.declared_here(names[0]);
        if skip_var {
            if let Some(export) = export {
                self.edits.blank(export.start, ns.span.start);
            }
        }
        let mut header = String::new();
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                header.push(' ');
            }
            if i > 0 || !skip_var {
                header.push_str(&format!("var {name}; "));
            } else {
                // No `var` in front: keep `(function` from calling the previous line.
                header.push(';');
            }
            header.push_str(&format!("(function ({name}) {{"));
        }
        self.edits
            .replace(ns.span.start, block.span.start + 1, header);

        let innermost = names[names.len() - 1];
        self.namespace_body(block, innermost);

        let mut footer = String::new();
        for i in (0..names.len()).rev() {
            let name = names[i];
            let holder = if i > 0 { Some(names[i - 1]) } else { parent };
            match holder {
                Some(p) => {
                    footer.push_str(&format!("}})({name} = {p}.{name} || ({p}.{name} = {{}}));"))
                }
                None => footer.push_str(&format!("}})({name} || ({name} = {{}}));")),
            }
            if i > 0 {
                footer.push(' ');
            }
        }
        self.edits
            .replace(block.span.end - 1, block.span.end, footer);
    }

    fn namespace_body(&mut self, block: &TSModuleBlock<'a>, ns: &'a str) {
        self.push_declared(&block.body);
        for stmt in &block.body {
            match stmt {
                Statement::ExportDeclaration(e) => self.namespace_export(e, ns),
                other => self.visit_statement(other),
            }
        }
        self.declared.pop();
    }

    /// `export <declaration>` inside a namespace: the declaration stays local and the
    /// namespace object gets the exported bindings.
    fn namespace_export(&mut self, e: &ExportDeclaration<'a>, ns: &'a str) {
        let decl = &e.declaration;
        if is_type_only_declaration(decl) {
            self.blank_statement(e.span);
            return;
        }
        self.edits.blank(e.span.start, decl.span().start);
        let assign = |n: &str| format!(" {ns}.{n} = {n};");
        match decl {
            Declaration::VariableDeclaration(v) => {
                self.visit_variable_declaration(v);
                let sep = if self.ends_with_semicolon(v.span) {
                    ""
                } else {
                    ";"
                };
                let names: String = v
                    .declarations
                    .iter()
                    .flat_map(|d| d.id.get_binding_identifiers())
                    .map(|b| assign(b.name.as_str()))
                    .collect();
                self.edits.insert(v.span.end, format!("{sep}{names}"));
            }
            Declaration::FunctionDeclaration(f) => {
                self.visit_function(f, ScopeFlags::Function);
                if let Some(id) = &f.id {
                    self.edits.insert(f.span.end, assign(id.name.as_str()));
                }
            }
            Declaration::ClassDeclaration(c) => {
                self.visit_class(c);
                if let Some(id) = &c.id {
                    self.edits.insert(c.span.end, assign(id.name.as_str()));
                }
            }
            Declaration::TSEnumDeclaration(en) => self.lower_enum(en, Some(ns)),
            Declaration::TSNamespaceDeclaration(n) => self.lower_namespace(n, Some(ns), None),
            Declaration::TSImportEqualsDeclaration(i) => {
                self.lower_import_equals(i);
                let sep = if self.ends_with_semicolon(i.span) {
                    ""
                } else {
                    ";"
                };
                self.edits
                    .insert(i.span.end, format!("{sep}{}", assign(i.id.name.as_str())));
            }
            _ => {}
        }
    }
}
