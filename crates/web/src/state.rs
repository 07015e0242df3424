use crate::config::Config;
use crate::rate_limit::RateLimits;
use nsdb_store::Store;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub rate_limits: Arc<RateLimits>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        Self {
            store,
            rate_limits: Arc::new(RateLimits::new(&config.rate_limits)),
            config: Arc::new(config),
        }
    }
}
