//! Stacked content codings: `Content-Encoding: gzip, br` lists the codings
//! in the order they were applied, so the last listed is the outermost and
//! is decoded first. [`Stack`] chains one [`Decoder`] per coding and keeps
//! the module's output contract: one call appends at most [`STEP`] bytes to
//! `out`, and no layer in between holds more than about one step, so a bomb
//! built from layers is bounded as a single coding is.

use http::header::CONTENT_ENCODING;
use http::HeaderMap;

use super::{corrupt, Decoder, STEP};
use crate::error::Result;

/// The most codings decoded in one response (curl refuses more than 5).
pub(crate) const MAX_LAYERS: usize = 4;

/// The decoders of one response, outermost first.
pub(crate) struct Stack {
    layers: Vec<Decoder>,
    /// `mids[i]`: layer `i`'s output on its way to layer `i + 1` (reused).
    pub(super) mids: Vec<Vec<u8>>,
    /// `ended[i]`: layer `i` has all its input (the body, or everything the
    /// layer before it will ever produce).
    ended: Vec<bool>,
    /// The last call produced output: another may produce more.
    more: bool,
}

impl Stack {
    /// The decoders for a response's `Content-Encoding` (every field line,
    /// each a comma-separated list; `identity` entries are skipped).
    /// `Ok(None)` when there is nothing to decode, or when a coding is not
    /// one we know or the field is not text: then the body is passed
    /// through as it came, as browsers do and as a single unknown coding
    /// always has been.
    ///
    /// # Errors
    ///
    /// [`Kind::BadContentEncoding`](crate::Kind::BadContentEncoding) for more
    /// than [`MAX_LAYERS`] codings.
    pub(crate) fn for_headers(headers: &HeaderMap) -> Result<Option<Stack>> {
        let mut names = Vec::new();
        for value in headers.get_all(CONTENT_ENCODING) {
            let Ok(text) = value.to_str() else {
                return Ok(None);
            };
            names.extend(
                text.split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("identity")),
            );
        }
        if names.is_empty() {
            return Ok(None);
        }
        if names.len() > MAX_LAYERS {
            return Err(corrupt(format!(
                "{} content codings stacked (at most {MAX_LAYERS} are decoded)",
                names.len()
            )));
        }
        let mut layers = Vec::with_capacity(names.len());
        for name in names.iter().rev() {
            match Decoder::for_encoding(name) {
                Some(d) => layers.push(d),
                None => return Ok(None),
            }
        }
        let n = layers.len();
        Ok(Some(Stack {
            layers,
            mids: vec![Vec::new(); n - 1],
            ended: vec![false; n],
            more: false,
        }))
    }

    /// Feeds `input` (the next piece of the body) and appends at most
    /// [`STEP`] decoded bytes to `out`; call again with empty input while
    /// [`Stack::has_pending`].
    ///
    /// # Errors
    ///
    /// [`Kind::BadContentEncoding`](crate::Kind::BadContentEncoding) for data
    /// that is not of its coding, at any layer.
    pub(crate) fn push(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        self.call(input, false, out)
    }

    /// Signals the end of the body and appends at most [`STEP`] bytes of
    /// what is left; call again while [`Stack::has_pending`].
    ///
    /// # Errors
    ///
    /// [`Kind::BadContentEncoding`](crate::Kind::BadContentEncoding) for
    /// corrupt or cut-short data at any layer.
    pub(crate) fn finish(&mut self, out: &mut Vec<u8>) -> Result<()> {
        self.call(&[], true, out)
    }

    /// Whether another call could produce output without new input.
    pub(crate) fn has_pending(&self) -> bool {
        self.more
    }

    fn call(&mut self, input: &[u8], at_end: bool, out: &mut Vec<u8>) -> Result<()> {
        if at_end {
            self.ended[0] = true;
        }
        let before = out.len();
        let last = self.layers.len() - 1;
        self.pull(last, input, out)?;
        debug_assert!(out.len() - before <= STEP);
        // Output may mean more is waiting in some layer; a call that finds
        // none produces nothing and clears this.
        self.more = out.len() > before;
        Ok(())
    }

    /// Makes layer `i` append at most one step to `out`, pulling from the
    /// layers before it until it produces something or they have nothing
    /// more without new input. `input` is the new body piece, for layer 0.
    fn pull(&mut self, i: usize, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        if i == 0 || (input.is_empty() && self.layers[i].has_pending()) {
            // Layer 0 takes the body; a pending layer works through its own
            // backlog before taking more input.
            return self.step(i, input, out);
        }
        let before = out.len();
        let mut mid = std::mem::take(&mut self.mids[i - 1]);
        let mut input = input;
        let result = loop {
            mid.clear();
            if let Err(e) = self.pull(i - 1, input, &mut mid) {
                break Err(e);
            }
            input = &[];
            if mid.is_empty() {
                // Nothing from upstream until new input arrives, or ever.
                if self.ended[i - 1] && !self.layers[i - 1].has_pending() {
                    self.ended[i] = true;
                    break self.step(i, &[], out);
                }
                break Ok(());
            }
            if let Err(e) = self.layers[i].push(&mid, out) {
                break Err(e);
            }
            if out.len() > before || self.layers[i].has_pending() {
                break Ok(());
            }
        };
        mid.clear();
        self.mids[i - 1] = mid;
        result
    }

    /// One call on layer `i`: `finish` once its input is complete.
    fn step(&mut self, i: usize, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        if self.ended[i] {
            self.layers[i].finish(out)
        } else {
            self.layers[i].push(input, out)
        }
    }
}
