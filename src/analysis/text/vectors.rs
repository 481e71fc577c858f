//! The data of related notes: each note's heaviest terms and weights, and
//! its damped norm (`related.rs` builds and reads them); the shared-out
//! first places of every list (`crowd.rs`).

#[derive(Debug, Clone, Default)]
pub struct RelatedVectors {
    /// `terms[start[d]..start[d + 1]]`, with `weights` alongside.
    pub(super) start: Vec<u32>,
    pub(super) terms: Vec<u32>,
    pub(super) weights: Vec<f32>,
    /// Each note's full vector norm, times its generality damping.
    pub(super) norms: Vec<f32>,
}

impl RelatedVectors {
    pub(super) fn vector(&self, doc: usize) -> (&[u32], &[f32]) {
        let range = self.start[doc] as usize..self.start[doc + 1] as usize;
        (&self.terms[range.clone()], &self.weights[range])
    }

    pub fn bytes(&self) -> usize {
        (self.start.capacity() + self.terms.capacity()) * 4
            + (self.weights.capacity() + self.norms.capacity()) * 4
    }
}

/// The first places of every note's related list, shared out.
#[derive(Debug, Clone, Default)]
pub(super) struct Uncrowded {
    pub(super) top: Vec<Vec<u32>>,
    /// How many lists' first places each note takes.
    pub(super) taken: Vec<u32>,
    /// The most lists one note may take.
    pub(super) cap: usize,
    /// A note over its share may not fill the first places of a list that
    /// has too few others either (in a vault big enough for every note to
    /// keep to one list in ten).
    pub(super) strict: bool,
}
