//! The demo as a live network: every participating State has an entry, and the overview and the
//! checks show a realistic mix beside the stories the README tells.

use liaison_testkit::{ApiClient, spawn_app};
use liaison_types::directory::{DirectoryStatus, LevelStatus};
use reqwest::StatusCode;

async fn overview(manager: &ApiClient) -> Vec<DirectoryStatus> {
    let answer = manager.get("/api/v1/states").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    serde_json::from_value(answer.json).unwrap()
}

/// The codes of the participating States that `keep` keeps, sorted.
fn codes(statuses: &[DirectoryStatus], keep: impl Fn(&DirectoryStatus) -> bool) -> Vec<String> {
    let mut out: Vec<String> = statuses
        .iter()
        .filter(|s| s.state.status.is_participating() && keep(s))
        .map(|s| s.state.code.to_string())
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn every_participating_state_has_an_entry_in_a_plausible_mix() {
    let app = spawn_app().await;
    let manager = app.login("manager").await;
    let statuses = overview(&manager).await;
    assert_eq!(statuses.len(), 68);
    assert_eq!(codes(&statuses, |_| true).len(), 57);
    for status in &statuses {
        let code = &status.state.code;
        if status.state.status.is_participating() {
            assert!(status.contacts >= 1, "{code}: {status:?}");
            assert!(status.last_confirmed_on.is_some(), "{code}");
            // Every one was in scope of the demo's checks.
            assert!(status.last_check_reached.is_some(), "{code}");
        } else {
            assert_eq!(status.contacts, 0, "{code}: a Partner has no entry");
        }
    }

    // A level is missing only where the story needs it: Italy's technical level, and one
    // invented entry without each level.
    assert_eq!(
        codes(&statuses, |s| s.policy == LevelStatus::Missing),
        ["SRB"]
    );
    assert_eq!(
        codes(&statuses, |s| s.technical == LevelStatus::Missing),
        ["ITA", "UKR"]
    );
    // Due soon and overdue: France and Austria, and a few invented entries.
    assert_eq!(
        codes(&statuses, |s| s.due_soon > 0),
        ["ALB", "BGR", "FRA", "LUX", "POL", "SWE", "VAT"]
    );
    assert_eq!(
        codes(&statuses, |s| s.overdue > 0),
        ["AUT", "LIE", "MKD", "SVN", "USA"]
    );
    // Notified late: Estonia, and two invented entries whose technical contact changed.
    assert_eq!(
        codes(&statuses, |s| s.late_changes > 0),
        ["BEL", "EST", "GEO"]
    );
    // Unreachable: Austria's technical contact, and two invented ones, missed both checks.
    assert_eq!(
        codes(&statuses, |s| s.unreachable.is_some_and(|n| n > 0)),
        ["AUT", "KGZ", "MNE"]
    );
    // The last check missed a level of these: the unreachable, a level without a contact, and
    // the policy level of Estonia and of three invented entries.
    assert_eq!(
        codes(&statuses, |s| s.last_check_reached == Some(false)),
        [
            "AUT", "AZE", "DNK", "EST", "ITA", "KGZ", "MNE", "SRB", "TUR", "UKR"
        ]
    );
    // Most of the network is in order: complete, nothing due.
    let in_order = codes(&statuses, |s| {
        s.complete && s.due_soon == 0 && s.overdue == 0
    });
    assert_eq!(in_order.len(), 42, "{in_order:?}");
    for code in ["DEU", "EST"] {
        assert!(in_order.iter().any(|c| c == code), "{code}");
    }

    // The overview page says "missing" in those three cells only.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let page = browser
        .post(app.url("/login"))
        .form(&[
            ("username", "manager"),
            ("password", liaison_testkit::PASSWORD),
            ("next", "/states"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert_eq!(
        html.matches("<span class=\"bad\">missing</span>").count(),
        3,
        "{html}"
    );
}
