//! A buffer a sink can own while a test reads what it wrote; the behaviour tests include this
//! file by path (tests/common).

use std::sync::{Arc, Mutex};

/// Clones share one buffer: give one to a sink, read the other.
#[derive(Clone, Default)]
pub(crate) struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl SharedBuf {
    /// What has been written so far.
    pub(crate) fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().clone()
    }

    /// What has been written so far, as text.
    #[allow(dead_code)]
    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.bytes()).expect("sinks write UTF-8")
    }
}

impl std::io::Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
