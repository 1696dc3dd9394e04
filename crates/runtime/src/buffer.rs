//! Response bodies in the memory they end up in, for modules that hand
//! bodies to scripts as `ArrayBuffer`s.
//!
//! An `ArrayBuffer`'s data is Boa's `AlignedVec<u8>` (64-byte aligned). The
//! engine's `execute_into` appends a body straight into one
//! ([`AlignedBody`]), reserved once from `Content-Length`, so the bytes are
//! copied once, from hyper's buffers, and `JsArrayBuffer::from_byte_block`
//! takes the vector as it is. Bodies a module got as the engine's `Bytes`
//! (a response cache, streamed chunks) are [`ResponseBody::Shared`] and are
//! copied when an `ArrayBuffer` is made.

use boa_engine::object::builtins::{AlignedVec, JsArrayBuffer};
use boa_engine::{Context, JsResult};
use jsrun_net::bytes::Bytes;
use jsrun_net::BodyBuffer;

/// Boa's alignment for `ArrayBuffer` data.
const ALIGN: usize = 64;

/// The largest reservation taken from a size hint (the engine hints at most
/// 16 MiB; this only guards against absurd values).
const MAX_HINT: usize = 1 << 30;

/// The engine's [`BodyBuffer`] over Boa's `AlignedVec<u8>` (a newtype: both
/// the trait and the vector are foreign).
pub struct AlignedBody(AlignedVec<u8>);

impl Default for AlignedBody {
    fn default() -> Self {
        Self::new()
    }
}

impl AlignedBody {
    /// An empty buffer.
    pub fn new() -> Self {
        AlignedBody(AlignedVec::new(ALIGN))
    }

    /// The vector, its spare capacity given back when it is large: an
    /// `ArrayBuffer` keeps its vector for as long as the script holds it, and
    /// a body without `Content-Length` grew by doubling.
    pub fn into_inner(self) -> AlignedVec<u8> {
        let mut v = self.0;
        if v.capacity() - v.len() > v.len() / 8 + 4096 {
            v.shrink_to_fit();
        }
        v
    }
}

impl BodyBuffer for AlignedBody {
    fn reserve(&mut self, additional: usize) {
        // A hint: if it cannot be had, the body grows as it arrives (and the
        // engine's own limit still applies). aligned-vec's layout arithmetic
        // must not see sizes near isize::MAX, so absurd hints are ignored.
        if additional <= MAX_HINT {
            let _ = self.0.try_reserve_exact(additional);
        }
    }

    fn extend_from_slice(&mut self, chunk: &[u8]) {
        self.0.extend_from_slice(chunk);
    }
}

/// A finished response's body.
pub enum ResponseBody {
    /// Assembled by the engine (cache hits, stored responses).
    Shared(Bytes),
    /// Assembled in an `ArrayBuffer`'s own memory.
    Aligned(AlignedVec<u8>),
}

impl ResponseBody {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            ResponseBody::Shared(b) => b,
            ResponseBody::Aligned(v) => v.as_slice(),
        }
    }

    /// How many bytes.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// An `ArrayBuffer` over the body: the aligned vector itself, or a copy.
    ///
    /// # Errors
    /// Boa's, when the buffer cannot be made.
    pub fn into_array_buffer(self, ctx: &mut Context) -> JsResult<JsArrayBuffer> {
        match self {
            ResponseBody::Aligned(v) => JsArrayBuffer::from_byte_block(v, ctx),
            ResponseBody::Shared(b) => array_buffer(&b, ctx),
        }
    }
}

/// An `ArrayBuffer` holding a copy of `bytes`.
///
/// # Errors
/// Boa's, when the buffer cannot be made.
pub fn array_buffer(bytes: &[u8], ctx: &mut Context) -> JsResult<JsArrayBuffer> {
    JsArrayBuffer::from_byte_block(AlignedVec::from_slice(ALIGN, bytes), ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_and_keeps_alignment() {
        let mut b = AlignedBody::new();
        BodyBuffer::reserve(&mut b, 10);
        b.extend_from_slice(b"hello ");
        b.extend_from_slice(b"world");
        let v = b.into_inner();
        assert_eq!(v.as_slice(), b"hello world");
        assert_eq!(v.as_ptr() as usize % ALIGN, 0);
    }

    #[test]
    fn large_spare_capacity_is_given_back() {
        let mut b = AlignedBody::new();
        BodyBuffer::reserve(&mut b, 1 << 20);
        b.extend_from_slice(&[7u8; 100]);
        let v = b.into_inner();
        assert_eq!(v.len(), 100);
        assert!(v.capacity() < 1 << 20, "capacity {}", v.capacity());
    }

    #[test]
    fn an_impossible_reservation_is_only_a_hint() {
        let mut b = AlignedBody::new();
        BodyBuffer::reserve(&mut b, usize::MAX / 2);
        b.extend_from_slice(b"ok");
        assert_eq!(b.into_inner().as_slice(), b"ok");
    }
}
