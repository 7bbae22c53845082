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
    /// The six-digit code from the authenticator app, when the account has TOTP enabled: asked
    /// in the same step, and a missing or wrong code is refused like a wrong password.
    #[serde(default, alias = "code")]
    pub totp: Option<String>,
    /// What to call the token in the account's list of tokens (for example "CLI on my laptop").
    #[serde(default)]
    pub label: Option<String>,
}

/// A bearer token for the API.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LoginResponse {
    pub token: String,
    /// When the token stops working (RFC 3339).
    #[schema(format = DateTime)]
    pub expires_at: String,
}

/// Who the caller is (`GET /api/v1/me`).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct Me {
    pub id: crate::id::AccountId,
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
    /// A disabled account cannot sign in, and its sessions and tokens are ended.
    #[serde(default)]
    pub disabled: bool,
}

/// One live browser session or API token of an account: never the token itself.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct Token {
    /// The public id (16 hex digits), to revoke it with.
    pub id: String,
    /// `web` (a browser session) or `api` (a bearer token).
    pub kind: String,
    pub label: String,
    /// The client address it was issued to.
    pub address: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
    /// The session or token this request came with.
    pub current: bool,
}

/// Body of `PATCH /api/v1/accounts/{id}`: the fields to change; absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AccountPatch {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub role: Option<Role>,
    /// The State (ISO 3166 alpha-3); `null` for roles without one.
    #[serde(default, with = "patch")]
    #[schema(value_type = Option<String>)]
    pub state: Option<Option<StateCode>>,
    /// The directory contact a point of contact's account is; `null` unlinks it.
    #[serde(default, with = "patch")]
    #[schema(value_type = Option<i64>)]
    pub contact_id: Option<Option<i64>>,
    #[serde(default)]
    pub disabled: Option<bool>,
}

/// A field that may be absent (unchanged), `null` (cleared) or a value.
mod patch {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            None | Some(None) => serializer.serialize_none(),
            Some(Some(inner)) => inner.serialize(serializer),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

/// Body of `POST /api/v1/accounts/{id}/password`: the new password the network manager sets.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PasswordReset {
    pub password: String,
}

/// Body of `POST /api/v1/me/password`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// How many sessions and tokens an action ended.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Ended {
    pub ended: u64,
}
