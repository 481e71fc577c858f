//! The hash the index's maps use (`crate::hashing`).

pub(super) use crate::hashing::{Fx, FxMap};
