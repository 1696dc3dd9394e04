//! Streaming response decoders for `Content-Encoding`: gzip (and x-gzip),
//! deflate (zlib-wrapped, or raw as some servers send it) and br.
//!
//! # The output contract (decompression bombs)
//!
//! One call to [`Decoder::push`] or [`Decoder::finish`] appends at most
//! [`STEP`] bytes to `out`. Input not yet decoded stays inside the decoder,
//! and [`Decoder::has_pending`] says whether another call (with empty input)
//! would produce more. A caller with a size limit therefore checks
//! `out.len()` after every call and never holds more than its limit plus
//! one step:
//!
//! ```ignore
//! decoder.push(&chunk, &mut out)?;
//! check(out.len())?;
//! while decoder.has_pending() {
//!     decoder.push(&[], &mut out)?;
//!     check(out.len())?;
//! }
//! // at end of body
//! loop {
//!     decoder.finish(&mut out)?;
//!     check(out.len())?;
//!     if !decoder.has_pending() { break }
//! }
//! ```

use brotli::{BrotliDecompressStream, BrotliResult, BrotliState, HeapAlloc, HuffmanCode};
use flate2::{Crc, Decompress, FlushDecompress, Status};

use crate::error::{Error, Kind, Result};

mod stack;

pub(crate) use stack::Stack;

/// The `Accept-Encoding` value to send when decoding is wanted.
pub(crate) const ACCEPT_ENCODING: &str = "gzip, deflate, br";

/// The most one call appends to its output.
pub(crate) const STEP: usize = 64 * 1024;

/// A streaming decoder for one content coding.
pub(crate) struct Decoder {
    codec: Codec,
    /// Compressed bytes received and not yet consumed (from `pos` on).
    input: Vec<u8>,
    pos: usize,
    /// The last call stopped at the output cap.
    more: bool,
    seen_input: bool,
    /// Output staging, [`STEP`] bytes, zeroed once: decoders write here so
    /// that `out`'s spare capacity cannot lift the cap.
    scratch: Box<[u8]>,
}

enum Codec {
    Gzip(GzipState),
    Deflate(DeflateState),
    Brotli(Box<BrotliDecoder>),
}

enum GzipState {
    Header,
    Body(Box<Decompress>, Crc),
    Trailer(Crc),
    /// A member ended: another may follow (multi-member files).
    AfterMember,
    Done,
}

enum DeflateState {
    Detect,
    Body(Box<Decompress>),
    Done,
}

struct BrotliDecoder {
    state: BrotliState<HeapAlloc<u8>, HeapAlloc<u32>, HeapAlloc<HuffmanCode>>,
    done: bool,
}

/// Progress of one step: input bytes consumed, output bytes produced.
struct Progress {
    consumed: usize,
    produced: usize,
}

fn corrupt(what: impl Into<String>) -> Error {
    Error::with_detail(Kind::BadContentEncoding, what)
}

impl Decoder {
    /// A decoder for one `Content-Encoding` token: `gzip`, `x-gzip`,
    /// `deflate` or `br` (case-insensitive). `identity` and unknown codings
    /// give `None`: the body is passed through. Stacked codings
    /// (`gzip, br`) need one decoder per token, applied last-first.
    pub fn for_encoding(content_encoding: &str) -> Option<Decoder> {
        let codec = match content_encoding.trim().to_ascii_lowercase().as_str() {
            "gzip" | "x-gzip" => Codec::Gzip(GzipState::Header),
            "deflate" => Codec::Deflate(DeflateState::Detect),
            "br" => Codec::Brotli(Box::new(BrotliDecoder {
                state: BrotliState::new(
                    HeapAlloc::new(0),
                    HeapAlloc::new(0),
                    HeapAlloc::new(HuffmanCode::default()),
                ),
                done: false,
            })),
            _ => return None,
        };
        Some(Decoder {
            codec,
            input: Vec::new(),
            pos: 0,
            more: false,
            seen_input: false,
            scratch: vec![0u8; STEP].into_boxed_slice(),
        })
    }

    /// Feeds `input` and appends decoded bytes to `out`: at most [`STEP`]
    /// bytes per call (see the module docs for the loop).
    ///
    /// # Errors
    ///
    /// [`Kind::BadContentEncoding`] for data that is not of this coding.
    pub fn push(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        if !input.is_empty() {
            self.seen_input = true;
            if self.pos > 0 && self.pos == self.input.len() {
                self.input.clear();
                self.pos = 0;
            } else if self.pos > STEP && self.pos * 2 > self.input.len() {
                self.input.drain(..self.pos);
                self.pos = 0;
            }
            self.input.extend_from_slice(input);
        }
        self.run(out, false)
    }

    /// Signals the end of the body and appends what is left, at most
    /// [`STEP`] bytes per call; call again while [`Decoder::has_pending`].
    ///
    /// # Errors
    ///
    /// [`Kind::BadContentEncoding`] for corrupt data, or a stream that ends
    /// before its end marker (a body without any bytes is fine).
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<()> {
        self.run(out, true)?;
        if self.more || !self.seen_input {
            return Ok(());
        }
        let complete = match &self.codec {
            Codec::Gzip(state) => matches!(state, GzipState::AfterMember | GzipState::Done),
            Codec::Deflate(state) => matches!(state, DeflateState::Done),
            Codec::Brotli(b) => b.done,
        };
        if complete {
            Ok(())
        } else {
            Err(corrupt("compressed data ends before its end marker"))
        }
    }

    /// Whether another call could produce output without new input.
    pub fn has_pending(&self) -> bool {
        self.more
    }

    fn run(&mut self, out: &mut Vec<u8>, at_end: bool) -> Result<()> {
        let start = out.len();
        loop {
            let produced = out.len() - start;
            if produced >= STEP {
                self.more = true;
                return Ok(());
            }
            let progress = self.step(out, STEP - produced, at_end)?;
            self.pos += progress.consumed;
            if progress.consumed == 0 && progress.produced == 0 {
                self.more = false;
                return Ok(());
            }
        }
    }

    /// One unit of work, producing at most `room` bytes.
    fn step(&mut self, out: &mut Vec<u8>, room: usize, at_end: bool) -> Result<Progress> {
        let input = &self.input[self.pos..];
        let scratch = &mut self.scratch;
        match &mut self.codec {
            Codec::Deflate(state) => step_deflate(state, input, scratch, out, room, at_end),
            Codec::Gzip(state) => step_gzip(state, input, scratch, out, room, at_end),
            Codec::Brotli(b) => step_brotli(b, input, scratch, out, room),
        }
    }
}

const NOTHING: Progress = Progress {
    consumed: 0,
    produced: 0,
};

/// Inflates into `out` (via `scratch`, so that `out`'s spare capacity does
/// not lift the cap). Returns the progress and whether the stream ended.
fn inflate(
    z: &mut Decompress,
    input: &[u8],
    scratch: &mut [u8],
    out: &mut Vec<u8>,
    room: usize,
) -> Result<(Progress, bool)> {
    let limit = room.min(scratch.len());
    let (in_before, out_before) = (z.total_in(), z.total_out());
    let status = z
        .decompress(input, &mut scratch[..limit], FlushDecompress::None)
        .map_err(|e| Error::with_source(Kind::BadContentEncoding, e))?;
    let consumed = usize::try_from(z.total_in() - in_before).unwrap_or(usize::MAX);
    let produced = usize::try_from(z.total_out() - out_before).unwrap_or(usize::MAX);
    out.extend_from_slice(&scratch[..produced.min(limit)]);
    Ok((
        Progress { consumed, produced },
        matches!(status, Status::StreamEnd),
    ))
}

fn step_deflate(
    state: &mut DeflateState,
    input: &[u8],
    scratch: &mut [u8],
    out: &mut Vec<u8>,
    room: usize,
    at_end: bool,
) -> Result<Progress> {
    match state {
        DeflateState::Detect => {
            if input.len() < 2 && !at_end {
                return Ok(NOTHING);
            }
            if input.is_empty() {
                return Ok(NOTHING);
            }
            // "deflate" is meant to be zlib (RFC 9110), but some servers send
            // raw deflate: a valid zlib header tells them apart.
            let zlib = input.len() >= 2
                && input[0] & 0x0f == 8
                && input[0] >> 4 <= 7
                && (u16::from(input[0]) << 8 | u16::from(input[1])) % 31 == 0;
            *state = DeflateState::Body(Box::new(Decompress::new(zlib)));
            step_deflate(state, input, scratch, out, room, at_end)
        }
        DeflateState::Body(z) => {
            let (progress, ended) = inflate(z, input, scratch, out, room)?;
            if ended {
                *state = DeflateState::Done;
            }
            Ok(progress)
        }
        // Bytes after the end of the stream are ignored, as browsers do.
        DeflateState::Done => Ok(Progress {
            consumed: input.len(),
            produced: 0,
        }),
    }
}

/// Parses a gzip member header (RFC 1952): `Ok(None)` when more bytes are needed.
fn gzip_header(input: &[u8]) -> Result<Option<usize>> {
    const FHCRC: u8 = 0x02;
    const FEXTRA: u8 = 0x04;
    const FNAME: u8 = 0x08;
    const FCOMMENT: u8 = 0x10;
    if input.len() < 10 {
        if input.len() >= 2 && input[..2] != [0x1f, 0x8b] {
            return Err(corrupt("not gzip data (bad magic bytes)"));
        }
        return Ok(None);
    }
    if input[..2] != [0x1f, 0x8b] {
        return Err(corrupt("not gzip data (bad magic bytes)"));
    }
    if input[2] != 8 {
        return Err(corrupt("gzip data with an unknown compression method"));
    }
    let flags = input[3];
    if flags & 0xe0 != 0 {
        return Err(corrupt("gzip header with reserved flags set"));
    }
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let Some(len) = input.get(at..at + 2) else {
            return Ok(None);
        };
        at += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let Some(rest) = input.get(at..) else {
                return Ok(None);
            };
            let Some(nul) = rest.iter().position(|&b| b == 0) else {
                return Ok(None);
            };
            at += nul + 1;
        }
    }
    if flags & FHCRC != 0 {
        at += 2;
    }
    Ok((at <= input.len()).then_some(at))
}

fn step_gzip(
    state: &mut GzipState,
    input: &[u8],
    scratch: &mut [u8],
    out: &mut Vec<u8>,
    room: usize,
    at_end: bool,
) -> Result<Progress> {
    match state {
        GzipState::Header => match gzip_header(input)? {
            Some(len) => {
                *state = GzipState::Body(Box::new(Decompress::new(false)), Crc::new());
                Ok(Progress {
                    consumed: len,
                    produced: 0,
                })
            }
            None if at_end && !input.is_empty() => Err(corrupt("gzip header cut short")),
            None => Ok(NOTHING),
        },
        GzipState::Body(z, crc) => {
            let before = out.len();
            let (progress, ended) = inflate(z, input, scratch, out, room)?;
            crc.update(&out[before..]);
            if ended {
                *state = GzipState::Trailer(std::mem::replace(crc, Crc::new()));
            }
            Ok(progress)
        }
        GzipState::Trailer(crc) => {
            let Some(trailer) = input.get(..8) else {
                return Ok(NOTHING);
            };
            let sum = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
            let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
            if sum != crc.sum() || size != crc.amount() {
                return Err(corrupt("gzip checksum mismatch"));
            }
            *state = GzipState::AfterMember;
            Ok(Progress {
                consumed: 8,
                produced: 0,
            })
        }
        GzipState::AfterMember => {
            if input.len() < 2 {
                if at_end && !input.is_empty() {
                    *state = GzipState::Done;
                    return Ok(Progress {
                        consumed: input.len(),
                        produced: 0,
                    });
                }
                return Ok(NOTHING);
            }
            if input[..2] == [0x1f, 0x8b] {
                *state = GzipState::Header;
                // The next member's header is parsed on the next step.
                return step_gzip(state, input, scratch, out, room, at_end);
            }
            *state = GzipState::Done;
            Ok(Progress {
                consumed: input.len(),
                produced: 0,
            })
        }
        // Trailing garbage after the last member is ignored, as browsers do.
        GzipState::Done => Ok(Progress {
            consumed: input.len(),
            produced: 0,
        }),
    }
}

fn step_brotli(
    b: &mut BrotliDecoder,
    input: &[u8],
    scratch: &mut [u8],
    out: &mut Vec<u8>,
    room: usize,
) -> Result<Progress> {
    if b.done {
        return Ok(Progress {
            consumed: input.len(),
            produced: 0,
        });
    }
    let room = room.min(scratch.len());
    let (mut avail_in, mut in_off) = (input.len(), 0usize);
    let (mut avail_out, mut out_off, mut total) = (room, 0usize, 0usize);
    let result = BrotliDecompressStream(
        &mut avail_in,
        &mut in_off,
        input,
        &mut avail_out,
        &mut out_off,
        &mut scratch[..room],
        &mut total,
        &mut b.state,
    );
    out.extend_from_slice(&scratch[..out_off]);
    match result {
        BrotliResult::ResultFailure => Err(corrupt("corrupt brotli data")),
        BrotliResult::ResultSuccess => {
            b.done = true;
            Ok(Progress {
                consumed: in_off,
                produced: out_off,
            })
        }
        BrotliResult::NeedsMoreInput | BrotliResult::NeedsMoreOutput => Ok(Progress {
            consumed: in_off,
            produced: out_off,
        }),
    }
}

#[cfg(test)]
mod tests;
