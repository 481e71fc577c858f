//! The data of related-note vectors: each note's heaviest terms and
//! weights, and its damped norm (`related.rs` builds and reads them).

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
