//! A value worked out for one key and kept until the key changes: how a
//! view computes once per selection or load, not once per frame.

pub struct Memo<K, V> {
    entry: Option<(K, V)>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { entry: None }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`, computed by `compute` only if the key changed.
    pub fn get(&mut self, key: K, compute: impl FnOnce() -> V) -> &V {
        if self.entry.as_ref().is_none_or(|(k, _)| *k != key) {
            let value = compute();
            self.entry = Some((key, value));
        }
        &self.entry.as_ref().expect("filled just above").1
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn computes_once_per_key() {
        let mut memo = Memo::default();
        let mut calls = 0;
        for key in [1, 1, 1, 2, 2, 1] {
            memo.get(key, || {
                calls += 1;
                key * 10
            });
        }
        assert_eq!(calls, 3);
        assert_eq!(*memo.get(1, || unreachable!()), 10);
    }
}
