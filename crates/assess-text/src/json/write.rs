//! Compact JSON text from any `serde::Serialize` value, byte for byte as
//! `serde_json::to_string` writes it (a property test and the engine's
//! golden files compare the two).
//!
//! serde_json writes through `std::io::Write`: every piece (a quote, a key,
//! a colon) is a `write_all` call whose `io::Result` is converted into
//! serde_json's error. In the WebAssembly build those are calls that are
//! not inlined, and writing a report and its recommendations was about a
//! quarter of the time of score + recommend in a Node profile. This writer
//! appends to a `Vec<u8>` directly and cannot fail but for a map key that
//! is not a string (serde_json's error, with serde_json's message).

use serde::ser::{self, Impossible, Serialize};

type Error = serde_json::Error;
type Result<T = ()> = std::result::Result<T, Error>;

/// A serializer's ten integer methods, each `body` with `w` the serializer
/// and `v` the integer.
macro_rules! integers {
    (|$w:ident, $v:ident| $body:expr) => {
        integers!(@ $w $v $body;
            serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64,
            serialize_i128 i128, serialize_u8 u8, serialize_u16 u16, serialize_u32 u32,
            serialize_u64 u64, serialize_u128 u128);
    };
    (@ $w:ident $v:ident $body:expr; $($method:ident $ty:ty),*) => {
        $(
            fn $method(self, $v: $ty) -> Result {
                let $w = self;
                $body
            }
        )*
    };
}

/// Bytes gathered before they are appended to the output.
const CHUNK: usize = 256;

/// The text being written: the output, and the bytes not yet appended to
/// it.
///
/// In the WebAssembly build, pieces are gathered in a small array and
/// appended a chunk at a time: appending each piece to the `Vec` cost a call per
/// byte (`Vec::push` is not inlined at `opt-level = "z"`) or a
/// `memory.copy` per piece, which V8 runs through a call costing far more
/// than the few bytes copied.
///
/// `CHUNKED` chooses the array (the WebAssembly build; the tests write
/// both ways).
pub(super) struct Writer<const CHUNKED: bool> {
    out: Vec<u8>,
    buf: [u8; CHUNK],
    len: usize,
}

impl<const CHUNKED: bool> Writer<CHUNKED> {
    pub(super) fn new() -> Self {
        Writer {
            out: Vec::with_capacity(1024),
            buf: [0; CHUNK],
            len: 0,
        }
    }

    pub(super) fn finish(mut self) -> Vec<u8> {
        self.flush();
        self.out
    }

    #[inline(never)]
    fn flush(&mut self) {
        self.out.extend_from_slice(&self.buf[..self.len]);
        self.len = 0;
    }

    /// Appends `s`. Natively, `memcpy` is the fast way and the array is
    /// not used.
    #[inline]
    fn put(&mut self, s: &[u8]) {
        if !CHUNKED {
            self.out.extend_from_slice(s);
            return;
        }
        if s.len() > CHUNK - self.len {
            self.flush();
            if s.len() > CHUNK {
                self.out.extend_from_slice(s);
                return;
            }
        }
        // A loop of single stores, which the compiler does not turn into
        // a `memcpy` (see above).
        let mut i = self.len;
        for &b in s {
            if let Some(d) = self.buf.get_mut(i) {
                *d = b;
            }
            i += 1;
        }
        self.len = i;
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        if !CHUNKED {
            self.out.push(b);
            return;
        }
        if self.len == CHUNK {
            self.flush();
        }
        if let Some(d) = self.buf.get_mut(self.len) {
            *d = b;
        }
        self.len += 1;
    }

    /// `s` as a JSON string, escaped as serde_json escapes it: `"` and `\`,
    /// `\b \t \n \f \r`, other control characters as `\u00XX` (lowercase
    /// hexadecimal); everything else, DEL and non-ASCII included, as is.
    fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.byte(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b >= 0x20 && b != b'"' && b != b'\\' {
                continue;
            }
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\x08' => b"\\b",
                b'\t' => b"\\t",
                b'\n' => b"\\n",
                b'\x0c' => b"\\f",
                b'\r' => b"\\r",
                _ => &[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ],
            };
            self.put(&bytes[start..i]);
            self.put(escape);
            start = i + 1;
        }
        self.put(&bytes[start..]);
        self.byte(b'"');
    }

    fn f64(&mut self, x: f64) {
        if x.is_finite() {
            self.put(zmij::Buffer::new().format_finite(x).as_bytes());
        } else {
            self.put(b"null");
        }
    }

    fn f32(&mut self, x: f32) {
        if x.is_finite() {
            self.put(zmij::Buffer::new().format_finite(x).as_bytes());
        } else {
            self.put(b"null");
        }
    }

    fn int<I: itoa::Integer>(&mut self, n: I) {
        self.put(itoa::Buffer::new().format(n).as_bytes());
    }
}

/// An array, object or enum variant being written: whether an element
/// was written yet, and what closes it.
pub(super) struct Compound<'a, const C: bool> {
    w: &'a mut Writer<C>,
    first: bool,
    close: &'static [u8],
}

impl<const C: bool> Compound<'_, C> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.w.byte(b',');
        }
    }

    fn end(self) -> Result {
        self.w.put(self.close);
        Ok(())
    }
}

impl<'a, const C: bool> Writer<C> {
    fn open(&'a mut self, open: &[u8], close: &'static [u8]) -> Compound<'a, C> {
        self.put(open);
        Compound {
            w: self,
            first: true,
            close,
        }
    }

    /// `{"variant":` before a variant's value; `close` ends both.
    fn variant(&'a mut self, variant: &str, open: &[u8], close: &'static [u8]) -> Compound<'a, C> {
        self.byte(b'{');
        self.string(variant);
        self.byte(b':');
        self.open(open, close)
    }
}

impl<'a, const C: bool> ser::Serializer for &'a mut Writer<C> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, C>;
    type SerializeTuple = Compound<'a, C>;
    type SerializeTupleStruct = Compound<'a, C>;
    type SerializeTupleVariant = Compound<'a, C>;
    type SerializeMap = Compound<'a, C>;
    type SerializeStruct = Compound<'a, C>;
    type SerializeStructVariant = Compound<'a, C>;

    fn serialize_bool(self, v: bool) -> Result {
        self.put(if v { b"true" } else { b"false" });
        Ok(())
    }
    integers!(|w, v| {
        w.int(v);
        Ok(())
    });
    fn serialize_f32(self, v: f32) -> Result {
        self.f32(v);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.f64(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        let mut seq = self.open(b"[", b"]");
        for &b in v {
            seq.comma();
            seq.w.int(b);
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.put(b"null");
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.put(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.put(b"null");
        Ok(())
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        let c = self.variant(variant, b"", b"}");
        value.serialize(&mut *c.w)?;
        c.end()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, C>> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a, C>> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, C>> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, C>> {
        Ok(self.variant(variant, b"[", b"]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, C>> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, C>> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, C>> {
        Ok(self.variant(variant, b"{", b"}}"))
    }
}

impl<const C: bool> ser::SerializeSeq for Compound<'_, C> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        Compound::end(self)
    }
}

/// Tuples, tuple structs and tuple variants are written as sequences.
macro_rules! as_sequence {
    ($($trait:ident::$method:ident),*) => {
        $(
            impl<const C: bool> ser::$trait for Compound<'_, C> {
                type Ok = ();
                type Error = Error;
                fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                    ser::SerializeSeq::serialize_element(self, value)
                }
                fn end(self) -> Result {
                    Compound::end(self)
                }
            }
        )*
    };
}

as_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<const C: bool> ser::SerializeMap for Compound<'_, C> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.comma();
        key.serialize(MapKey(&mut *self.w))
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.w.byte(b':');
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        Compound::end(self)
    }
}

impl<const C: bool> ser::SerializeStruct for Compound<'_, C> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.comma();
        self.w.string(key);
        self.w.byte(b':');
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        Compound::end(self)
    }
}

impl<const C: bool> ser::SerializeStructVariant for Compound<'_, C> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result {
        Compound::end(self)
    }
}

/// A map key: a string, or a number, boolean or character written as one
/// (as serde_json does); anything else is serde_json's error.
struct MapKey<'a, const C: bool>(&'a mut Writer<C>);

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl<const C: bool> MapKey<'_, C> {
    /// `f`'s text in quotes.
    fn quoted(self, f: impl FnOnce(&mut Writer<C>)) -> Result {
        self.0.byte(b'"');
        f(self.0);
        self.0.byte(b'"');
        Ok(())
    }
}

impl<const C: bool> ser::Serializer for MapKey<'_, C> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(|w| w.put(if v { b"true" } else { b"false" }))
    }
    integers!(|w, v| w.quoted(|w| w.int(v)));
    fn serialize_f32(self, v: f32) -> Result {
        if !v.is_finite() {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        self.quoted(|w| w.f32(v))
    }
    fn serialize_f64(self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        self.quoted(|w| w.f64(v))
    }
    fn serialize_char(self, v: char) -> Result {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.0.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
}
