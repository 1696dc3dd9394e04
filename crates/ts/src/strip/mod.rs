//! The rewriting walk: one pass over the AST that records [`Edits`].
//!
//! Type-only syntax is blanked; enums, namespaces, parameter properties, `export =` and
//! `import x = require()` are lowered in place on their own lines. The submodules hold the
//! larger rewrites; this file holds the visitor and the small ones.

mod class;
mod enums;
mod modules;
mod namespace;

use std::collections::HashSet;

use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};

use crate::edit::Edits;
use crate::position::is_line_terminator;
use crate::scan;
use crate::usage::Facts;

pub(crate) use namespace::is_instantiated;

/// A rewrite that could not be done, with the byte offset it concerns.
pub(crate) struct Refusal {
    pub(crate) offset: u32,
    pub(crate) message: String,
}

/// While an enum member initializer is walked: references to the enum's members become
/// property reads on the enum object, as TypeScript emits them.
struct EnumScope<'a> {
    param: String,
    members: HashSet<&'a str>,
}

pub(crate) struct Stripper<'a> {
    src: &'a str,
    edits: Edits,
    facts: Facts<'a>,
    refusal: Option<Refusal>,
    enum_scope: Option<EnumScope<'a>>,
    /// Per statement list: the classes and functions it declares (a namespace merging with
    /// one of them must not declare `var N` again).
    declared: Vec<HashSet<&'a str>>,
    /// Import/export statements that vanish; blanked at the end (see [`Stripper::finish`]).
    removed_module_items: Vec<Span>,
    /// True once an import or export statement survives.
    module_item_kept: bool,
}

/// True for declarations that leave nothing at run time.
pub(crate) fn is_type_only_declaration(decl: &Declaration<'_>) -> bool {
    match decl {
        Declaration::TSTypeAliasDeclaration(_)
        | Declaration::TSInterfaceDeclaration(_)
        | Declaration::TSExternalModuleDeclaration(_)
        | Declaration::TSGlobalDeclaration(_) => true,
        Declaration::VariableDeclaration(v) => v.declare,
        Declaration::FunctionDeclaration(f) => f.declare || f.body.is_none(),
        Declaration::ClassDeclaration(c) => c.declare,
        Declaration::TSEnumDeclaration(e) => e.declare,
        Declaration::TSNamespaceDeclaration(n) => n.declare || !is_instantiated(n),
        Declaration::TSImportEqualsDeclaration(i) => i.import_kind.is_type(),
    }
}

impl<'a> Stripper<'a> {
    pub(crate) fn new(src: &'a str, facts: Facts<'a>) -> Self {
        Self {
            src,
            edits: Edits::default(),
            facts,
            refusal: None,
            enum_scope: None,
            declared: Vec::new(),
            removed_module_items: Vec::new(),
            module_item_kept: false,
        }
    }

    /// The collected edits, or the first rewrite that was refused.
    ///
    /// `is_module`: the file is an ES module. If every import and export vanished, the first
    /// of them becomes `export {};` so the output stays a module, as TypeScript emits it.
    pub(crate) fn finish(mut self, is_module: bool) -> Result<Edits, Refusal> {
        if let Some(refusal) = self.refusal {
            return Err(refusal);
        }
        let keep_marker = is_module && !self.module_item_kept;
        for (i, span) in std::mem::take(&mut self.removed_module_items)
            .into_iter()
            .enumerate()
        {
            let text = if keep_marker && i == 0 {
                "export {};"
            } else {
                ";"
            };
            self.edits.replace(span.start, span.end, text);
        }
        Ok(self.edits)
    }

    fn refuse(&mut self, offset: u32, message: impl Into<String>) {
        if self.refusal.is_none() {
            self.refusal = Some(Refusal {
                offset,
                message: message.into(),
            });
        }
    }

    fn blank(&mut self, span: Span) {
        self.edits.blank(span.start, span.end);
    }

    /// Blanks a whole statement or class member, leaving a `;` so that what follows cannot
    /// join what precedes (`let a = 1\ntype T = X\n(f)()` must not become `1(f)()`).
    fn blank_statement(&mut self, span: Span) {
        self.edits.replace(span.start, span.end, ";");
    }

    fn text(&self, start: u32, end: u32) -> &'a str {
        self.src
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    fn has_line_terminator(&self, start: u32, end: u32) -> bool {
        self.text(start, end).chars().any(is_line_terminator)
    }

    fn ends_with_semicolon(&self, span: Span) -> bool {
        self.text(span.start, span.end).ends_with(';')
    }

    /// Blanks the single-character token `want` if it is the next token after `from`.
    fn blank_punct_after(&mut self, from: u32, want: u8) -> Option<u32> {
        let at = scan::next_punct(self.src, from as usize, self.src.len(), want)?;
        let at = u32::try_from(at).ok()?;
        self.edits.blank(at, at + 1);
        Some(at + 1)
    }

    /// Blanks the TypeScript-only modifier keywords among the tokens of `start..end`,
    /// stepping over decorators (blanked on their own) and keeping JavaScript ones.
    /// Stops at `stop` (the `class` keyword of a class head), so that a superclass named like
    /// a modifier is left alone.
    fn blank_modifiers(
        &mut self,
        start: u32,
        end: u32,
        decorators: &[Decorator<'a>],
        stop: Option<&str>,
    ) {
        const TS_ONLY: [&str; 7] = [
            "public",
            "private",
            "protected",
            "readonly",
            "override",
            "abstract",
            "declare",
        ];
        let mut i = start as usize;
        let end = end as usize;
        loop {
            i = scan::skip_trivia(self.src, i, end);
            if i >= end {
                return;
            }
            if scan::byte_at(self.src, i) == Some(b'@') {
                match decorators.iter().find(|d| d.span.start as usize == i) {
                    Some(d) => i = d.span.end as usize,
                    None => return,
                }
                continue;
            }
            let Some(j) = scan::ident_end(self.src, i) else {
                return;
            };
            let word = self.src.get(i..j).unwrap_or_default();
            if stop == Some(word) {
                return;
            }
            if TS_ONLY.contains(&word) {
                self.edits.blank(i as u32, j as u32);
            }
            i = j;
        }
    }

    /// A declaration in statement position (`stmt` is the whole statement, `export` included).
    fn declaration(&mut self, decl: &Declaration<'a>, stmt: Span, export: Option<Span>) {
        if is_type_only_declaration(decl) {
            self.blank_statement(stmt);
            return;
        }
        match decl {
            Declaration::TSEnumDeclaration(e) => self.lower_enum(e, None),
            Declaration::TSNamespaceDeclaration(n) => self.lower_namespace(n, None, export),
            // `export import x = …` is a use of `x` by the export itself.
            Declaration::TSImportEqualsDeclaration(i) if export.is_some() => {
                self.lower_import_equals(i);
            }
            Declaration::TSImportEqualsDeclaration(i) => self.import_equals(i, stmt),
            other => walk::walk_declaration(self, other),
        }
    }

    fn declared_here(&self, name: &str) -> bool {
        self.declared.last().is_some_and(|set| set.contains(name))
    }

    fn push_declared(&mut self, stmts: &[Statement<'a>]) {
        let mut set = HashSet::new();
        for stmt in stmts {
            let decl = match stmt {
                Statement::ExportDeclaration(e) => Some(&e.declaration),
                Statement::ExportDefaultDeclaration(e) => {
                    match &e.declaration {
                        ExportDefaultDeclarationKind::ClassDeclaration(c) => {
                            set.extend(c.id.as_ref().map(|i| i.name.as_str()));
                        }
                        ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                            set.extend(f.id.as_ref().map(|i| i.name.as_str()));
                        }
                        _ => {}
                    }
                    None
                }
                other => other.as_declaration(),
            };
            match decl {
                Some(Declaration::ClassDeclaration(c)) if !c.declare => {
                    set.extend(c.id.as_ref().map(|i| i.name.as_str()));
                }
                Some(Declaration::FunctionDeclaration(f)) if f.body.is_some() => {
                    set.extend(f.id.as_ref().map(|i| i.name.as_str()));
                }
                _ => {}
            }
        }
        self.declared.push(set);
    }
}

impl<'a> Visit<'a> for Stripper<'a> {
    fn visit_statements(&mut self, it: &oxc_allocator::Vec<'a, Statement<'a>>) {
        self.push_declared(it);
        for stmt in it {
            self.visit_statement(stmt);
        }
        self.declared.pop();
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        match it {
            Statement::ImportDeclaration(i) => self.import_declaration(i),
            Statement::ExportNamedDeclaration(e) => self.export_named(e),
            Statement::ExportFromDeclaration(e) => self.export_from(e),
            Statement::ExportAllDeclaration(e) => self.export_all(e),
            Statement::ExportDefaultDeclaration(e) => self.export_default(e),
            Statement::ExportDeclaration(e) => self.export_declaration(e),
            Statement::TSExportAssignment(e) => self.export_assignment(e),
            Statement::TSNamespaceExportDeclaration(e) => self.blank_statement(e.span),
            other => match other.as_declaration() {
                Some(decl) => self.declaration(decl, other.span(), None),
                None => walk::walk_statement(self, other),
            },
        }
    }

    fn visit_ts_type_annotation(&mut self, it: &TSTypeAnnotation<'a>) {
        self.blank(it.span);
    }

    fn visit_ts_type_parameter_declaration(&mut self, it: &TSTypeParameterDeclaration<'a>) {
        self.blank(it.span);
    }

    fn visit_ts_type_parameter_instantiation(&mut self, it: &TSTypeParameterInstantiation<'a>) {
        self.blank(it.span);
    }

    // Types never carry run-time code; every place that holds one blanks it whole.
    fn visit_ts_type(&mut self, _it: &TSType<'a>) {}

    fn visit_ts_class_implements_list(
        &mut self,
        _it: &oxc_allocator::Vec<'a, TSClassImplements<'a>>,
    ) {
    }

    fn visit_decorator(&mut self, it: &Decorator<'a>) {
        self.blank(it.span);
    }

    fn visit_ts_this_parameter(&mut self, it: &TSThisParameter<'a>) {
        self.blank(it.span);
        self.blank_punct_after(it.span.end, b',');
    }

    fn visit_ts_as_expression(&mut self, it: &TSAsExpression<'a>) {
        self.visit_expression(&it.expression);
        self.edits.blank(it.expression.span().end, it.span.end);
    }

    fn visit_ts_satisfies_expression(&mut self, it: &TSSatisfiesExpression<'a>) {
        self.visit_expression(&it.expression);
        self.edits.blank(it.expression.span().end, it.span.end);
    }

    fn visit_ts_non_null_expression(&mut self, it: &TSNonNullExpression<'a>) {
        self.visit_expression(&it.expression);
        self.edits.blank(it.expression.span().end, it.span.end);
    }

    fn visit_ts_instantiation_expression(&mut self, it: &TSInstantiationExpression<'a>) {
        self.visit_expression(&it.expression);
        self.blank(it.type_arguments.span);
    }

    fn visit_ts_type_assertion(&mut self, it: &TSTypeAssertion<'a>) {
        let inner = it.expression.span();
        if self.has_line_terminator(it.span.start, inner.start) {
            // `return <T>\n x` would return undefined once blanked: keep the expression
            // attached by turning the `<` into `(` and closing it after the expression.
            self.edits.replace(it.span.start, it.span.start + 1, "(");
            self.edits.blank(it.span.start + 1, inner.start);
            self.edits.insert(inner.end, ")");
        } else {
            self.edits.blank(it.span.start, inner.start);
        }
        self.visit_expression(&it.expression);
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        let pattern = it.pattern.span();
        self.blank_modifiers(it.span.start, pattern.start, &it.decorators, None);
        if it.optional {
            self.blank_punct_after(pattern.end, b'?');
        }
        walk::walk_formal_parameter(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if it.definite {
            self.blank_punct_after(it.id.span().end, b'!');
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        if let Some(tp) = &it.type_parameters {
            self.blank(tp.span);
        }
        self.visit_formal_parameters(&it.params);
        if let Some(ret) = &it.return_type {
            let close = it.params.span.end;
            let moves = self.has_line_terminator(close, ret.span.end)
                && close > 0
                && scan::byte_at(self.src, close as usize - 1) == Some(b')')
                && ret.span.end > ret.span.start;
            if moves {
                // `(a)\n: T => a` blanked would put a line break before `=>`, which is a
                // syntax error: move the `)` to the end of the type instead.
                self.edits.blank(close - 1, close);
                self.edits.blank(ret.span.start, ret.span.end - 1);
                self.edits.replace(ret.span.end - 1, ret.span.end, ")");
            } else {
                self.blank(ret.span);
            }
        }
        self.visit_arrow_function_body(&it.body);
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        self.class(it);
    }

    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if let Some(scope) = &self.enum_scope {
            if scope.members.contains(it.name.as_str()) {
                let text = format!("{}.{}", scope.param, it.name);
                self.edits.replace(it.span.start, it.span.end, text);
            }
        }
    }
}
