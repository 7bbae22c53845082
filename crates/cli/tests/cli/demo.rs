//! `liaison demo` on the database it is given (`--database`): seeded there, nothing in the
//! default folder, the URL printed without its password.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use liaison_testkit::{Backend, backends, fresh_database};

/// Stops the demo however the test ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the demo on `database` and returns what it printed up to its last line of
/// instructions (`API: …`).
fn start(folder: &std::path::Path, database: &str) -> (Running, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args(["demo", "--addr", "127.0.0.1:0", "--data"])
        .arg(folder)
        .args(["--database", database])
        .env("LIAISON_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let (lines, seen) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap_or_default()).is_err() {
                return;
            }
        }
    });
    let mut printed = Vec::new();
    loop {
        // A deadline for the whole start (seeding hashes every demo password).
        let line = seen
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("the demo printed only {printed:?}"));
        let last = line.starts_with("API: ");
        printed.push(line);
        if last {
            return (running, printed);
        }
    }
}

#[tokio::test]
async fn the_demo_runs_on_the_database_it_is_given() {
    for backend in backends() {
        let (url, _dir) = fresh_database(backend).await;
        // A password in the URL is never printed (the test cluster trusts local connections,
        // so any password signs in).
        let url = match backend {
            Backend::Sqlite => url,
            Backend::Postgres => {
                url.replacen("postgres://postgres@", "postgres://postgres:s3cret@", 1)
            }
        };
        let folder = tempfile::tempdir().unwrap();
        let (_running, printed) = start(folder.path(), &url);
        let text = printed.join("\n");
        assert!(!text.contains("s3cret"), "{text}");
        let shown = url.replace(":s3cret@", ":***@");
        assert!(
            printed.iter().any(|l| *l == format!("Database: {shown}")),
            "on {backend:?}: {text}"
        );
        assert!(text.contains("deu.coordinator"), "seeded: {text}");
        assert!(
            !folder.path().join("liaison.db").exists(),
            "nothing in the default folder"
        );
        let base = printed
            .iter()
            .find_map(|l| l.strip_prefix("Liaison demo is running at "))
            .unwrap()
            .to_owned();
        let answer = reqwest::get(format!("{base}/api/v1/states")).await.unwrap();
        assert_eq!(
            answer.status(),
            reqwest::StatusCode::UNAUTHORIZED,
            "the server answers"
        );
    }
}
