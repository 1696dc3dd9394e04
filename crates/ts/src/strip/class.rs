//! Classes: modifiers, `implements`, abstract and overload members, index signatures,
//! `declare` fields, and parameter properties.

use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::ScopeFlags;

use super::Stripper;
use crate::scan;

impl<'a> Stripper<'a> {
    pub(super) fn class(&mut self, c: &Class<'a>) {
        self.visit_decorators(&c.decorators);
        let head_start = c
            .decorators
            .iter()
            .map(|d| d.span.start)
            .fold(c.span.start, u32::min);
        let head_end = c.id.as_ref().map_or(c.body.span.start, |id| id.span.start);
        self.blank_modifiers(head_start, head_end, &c.decorators, Some("class"));
        if let Some(tp) = &c.type_parameters {
            self.blank(tp.span);
        }
        let mut after_heritage = c.id.as_ref().map_or(c.span.start, |id| id.span.end);
        if let Some(tp) = &c.type_parameters {
            after_heritage = after_heritage.max(tp.span.end);
        }
        if let Some(h) = &c.heritage {
            self.visit_expression(&h.expression);
            after_heritage = after_heritage.max(h.expression.span().end);
            if let Some(args) = &h.type_arguments {
                self.blank(args.span);
                after_heritage = after_heritage.max(args.span.end);
            }
        }
        after_heritage = c
            .decorators
            .iter()
            .map(|d| d.span.end)
            .fold(after_heritage, u32::max);
        if let Some(last) = c.implements.last() {
            let keyword = scan::find_word(
                self.src,
                after_heritage as usize,
                c.body.span.start as usize,
                "implements",
            );
            match keyword.and_then(|k| u32::try_from(k).ok()) {
                Some(k) => self.edits.blank(k, last.span.end),
                None => self.refuse(after_heritage, "could not find the `implements` keyword"),
            }
        }
        let derived = c.heritage.is_some();
        for element in &c.body.body {
            self.class_element(element, derived);
        }
    }

    fn class_element(&mut self, element: &ClassElement<'a>, derived: bool) {
        match element {
            ClassElement::TSIndexSignature(s) => self.blank_statement(s.span),
            ClassElement::StaticBlock(b) => walk::walk_static_block(self, b),
            ClassElement::MethodDefinition(m) => self.method(m, derived),
            ClassElement::PropertyDefinition(p) => {
                let abstract_ = p.r#type == PropertyDefinitionType::TSAbstractPropertyDefinition;
                if p.declare || abstract_ {
                    self.blank_statement(p.span);
                    return;
                }
                self.member_head(p.span, &p.decorators, &p.key, p.computed);
                let marker = (p.optional || p.definite)
                    .then(|| self.marker_after_key(&p.key, p.computed))
                    .flatten();
                let annotation = p.type_annotation.as_ref().map(|t| t.span);
                self.field_tail(p.span, p.value.is_some(), marker, annotation);
                if let Some(value) = &p.value {
                    self.visit_expression(value);
                }
            }
            ClassElement::AccessorProperty(p) => {
                if p.r#type == AccessorPropertyType::TSAbstractAccessorProperty {
                    self.blank_statement(p.span);
                    return;
                }
                self.member_head(p.span, &p.decorators, &p.key, p.computed);
                let marker = p
                    .definite
                    .then(|| self.marker_after_key(&p.key, p.computed))
                    .flatten();
                let annotation = p.type_annotation.as_ref().map(|t| t.span);
                self.field_tail(p.span, p.value.is_some(), marker, annotation);
                if let Some(value) = &p.value {
                    self.visit_expression(value);
                }
            }
        }
    }

    /// Decorators, TS-only modifiers and a computed key of a class member.
    fn member_head(
        &mut self,
        span: Span,
        decorators: &[Decorator<'a>],
        key: &PropertyKey<'a>,
        computed: bool,
    ) {
        for d in decorators {
            self.blank(d.span);
        }
        self.blank_modifiers(span.start, key.span().start, decorators, None);
        if computed {
            self.visit_property_key(key);
        }
    }

    /// Span of the `?` or `!` written after a member's key, if there is one.
    fn marker_after_key(&self, key: &PropertyKey<'a>, computed: bool) -> Option<Span> {
        let mut at = key.span().end as usize;
        if computed {
            at = scan::next_punct(self.src, at, self.src.len(), b']')? + 1;
        }
        let i = scan::skip_trivia(self.src, at, self.src.len());
        let start = u32::try_from(i).ok()?;
        matches!(scan::byte_at(self.src, i), Some(b'?' | b'!')).then(|| Span::new(start, start + 1))
    }

    /// Blanks a field's `?`/`!` and type; a field without initializer and without `;` gets
    /// one in place of its last blanked character, so a next member starting with `[`, `(`
    /// or `*` cannot be read as part of this one.
    fn field_tail(
        &mut self,
        span: Span,
        has_value: bool,
        marker: Option<Span>,
        annotation: Option<Span>,
    ) {
        let last = annotation.or(marker);
        let close = !has_value
            && !self.ends_with_semicolon(span)
            && last.is_some_and(|l| l.end == span.end);
        for part in [marker, annotation].into_iter().flatten() {
            if close && Some(part) == last {
                self.edits.blank(part.start, part.end - 1);
                self.edits.replace(part.end - 1, part.end, ";");
            } else {
                self.blank(part);
            }
        }
    }

    fn method(&mut self, m: &MethodDefinition<'a>, derived: bool) {
        let abstract_ = m.r#type == MethodDefinitionType::TSAbstractMethodDefinition;
        if abstract_ || m.value.body.is_none() {
            // Abstract members and overload signatures have no run-time existence.
            self.blank_statement(m.span);
            return;
        }
        self.member_head(m.span, &m.decorators, &m.key, m.computed);
        if m.optional {
            if let Some(q) = self.marker_after_key(&m.key, m.computed) {
                self.blank(q);
            }
        }
        let flags = match m.kind {
            MethodDefinitionKind::Constructor => ScopeFlags::Function | ScopeFlags::Constructor,
            MethodDefinitionKind::Get => ScopeFlags::Function | ScopeFlags::GetAccessor,
            MethodDefinitionKind::Set => ScopeFlags::Function | ScopeFlags::SetAccessor,
            MethodDefinitionKind::Method => ScopeFlags::Function,
        };
        self.visit_function(&m.value, flags);
        if m.kind == MethodDefinitionKind::Constructor {
            self.parameter_properties(&m.value, derived);
        }
    }

    /// `constructor(private x: number)`: the modifier is blanked with the parameter; the
    /// assignment `this.x = x;` goes after the top-level `super(...)` call of a derived class,
    /// else right after the body's `{`, on that same line.
    fn parameter_properties(&mut self, ctor: &Function<'a>, derived: bool) {
        let names: Vec<&'a str> = ctor
            .params
            .items
            .iter()
            .filter(|p| p.accessibility.is_some() || p.readonly || p.r#override)
            .filter_map(|p| p.pattern.get_binding_identifier())
            .map(|b| b.name.as_str())
            .collect();
        let Some(body) = &ctor.body else { return };
        if names.is_empty() {
            return;
        }
        let assignments: String = names.iter().map(|n| format!(" this.{n} = {n};")).collect();
        if !derived {
            self.edits.insert(body.span.start + 1, assignments);
            return;
        }
        let super_call = body.statements.iter().find_map(|s| match s {
            Statement::ExpressionStatement(e) => match e.expression.without_parentheses() {
                Expression::CallExpression(call) if matches!(call.callee, Expression::Super(_)) => {
                    Some(e.span)
                }
                _ => None,
            },
            _ => None,
        });
        match super_call {
            Some(stmt) => {
                let sep = if self.ends_with_semicolon(stmt) {
                    ""
                } else {
                    ";"
                };
                self.edits.insert(stmt.end, format!("{sep}{assignments}"));
            }
            None => self.refuse(
                body.span.start,
                "parameter properties in a derived class need a top-level `super(...)` call",
            ),
        }
    }
}
