//! Accounts, roles and the login exchange.

use crate::state::StateCode;
use serde::{Deserialize, Serialize};

/// What an account may do; see DESIGN.md section 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Manager,
    Coordinator,
    Poc,
    Observer,
    Auditor,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Manager,
        Role::Coordinator,
        Role::Poc,
        Role::Observer,
        Role::Auditor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Coordinator => "coordinator",
            Role::Poc => "poc",
            Role::Observer => "observer",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(input: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == input)
            .ok_or_else(|| {
                format!("unknown role '{input}' (manager, coordinator, poc, observer, auditor)")
            })
    }

    /// Roles that act for one State and must name it.
    pub fn belongs_to_state(self) -> bool {
        matches!(self, Role::Coordinator | Role::Poc)
    }
}

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
    /// The six-digit code from the authenticator app, when the account has TOTP enabled.
    #[serde(default)]
    pub totp: Option<String>,
}

/// A bearer token for the API.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LoginResponse {
    pub token: String,
    pub expires_at: String,
}

/// Who the caller is (`GET /api/v1/me`).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub state: Option<StateCode>,
    pub totp_enabled: bool,
    pub locale: String,
    /// The directory contact this account is (a point of contact), if linked.
    #[serde(default)]
    pub contact_id: Option<i64>,
}
