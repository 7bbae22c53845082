//! Randomness as the rules see it, injected like the clock: the server draws from the
//! operating system, a test or a replay from a seed, so that what the rules choose at random
//! (a check's send times, its challenge tokens) can be fixed and reproduced.

use rand::SeedableRng;
use rand::rngs::StdRng;
use std::sync::atomic::{AtomicU64, Ordering};

/// A source of random generators. Each call gives a fresh generator for one operation.
pub trait Random: Send + Sync {
    /// A cryptographically secure generator (ChaCha), for one operation.
    fn rng(&self) -> StdRng;
}

/// Seeded from the operating system on every call: the server's source.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemRandom;

impl Random for SystemRandom {
    fn rng(&self) -> StdRng {
        StdRng::from_os_rng()
    }
}

/// The same sequence of generators on every run from one seed: the first call is seeded with
/// `seed`, the next with `seed + 1`, and so on. For tests and for replaying a day, never for a
/// server.
#[derive(Debug, Default)]
pub struct SeededRandom(AtomicU64);

impl SeededRandom {
    pub fn new(seed: u64) -> SeededRandom {
        SeededRandom(AtomicU64::new(seed))
    }
}

impl Random for SeededRandom {
    fn rng(&self) -> StdRng {
        StdRng::seed_from_u64(self.0.fetch_add(1, Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngCore;

    #[test]
    fn a_seed_gives_the_same_sequence_of_generators_and_each_call_a_new_one() {
        let (a, b) = (SeededRandom::new(7), SeededRandom::new(7));
        let first = (a.rng().next_u64(), b.rng().next_u64());
        assert_eq!(first.0, first.1);
        assert_ne!(a.rng().next_u64(), first.0);
        assert_ne!(SystemRandom.rng().next_u64(), SystemRandom.rng().next_u64());
    }
}
