//! Little-endian encoding of the model file's parts. Reading checks every length,
//! so a truncated or corrupt file is an error, never a panic.

use crate::ModelError;

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Encoder {
    pub(crate) bytes: Vec<u8>,
}

impl Encoder {
    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("model part over 4G entries"));
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn strs(&mut self, items: &[String]) {
        self.len(items.len());
        for s in items {
            self.str(s);
        }
    }
}

/// Reads values back in the order they were written.
pub(crate) struct Decoder<'a> {
    bytes: &'a [u8],
}

impl<'a> Decoder<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Decoder<'a> {
        Decoder { bytes }
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.bytes.len() < n {
            return Err(ModelError::Corrupt("file ends early".into()));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        Ok(self.take(N)?.try_into().expect("length checked"))
    }

    pub(crate) fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub(crate) fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub(crate) fn varint(&mut self) -> Result<u64, ModelError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(ModelError::Corrupt("varint too long".into()))
    }
    /// A length, checked against what is left so a corrupt one cannot ask for
    /// gigabytes: every counted item takes at least `min_item_bytes`.
    pub(crate) fn len(&mut self, min_item_bytes: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_item_bytes.max(1)) > self.bytes.len() {
            return Err(ModelError::Corrupt(format!("length {n} exceeds the file")));
        }
        Ok(n)
    }
    pub(crate) fn str(&mut self) -> Result<String, ModelError> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| ModelError::Corrupt("text is not UTF-8".into()))
    }
    pub(crate) fn strs(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str()).collect()
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}
