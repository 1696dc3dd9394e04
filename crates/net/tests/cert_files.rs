//! Certificate files that are not certificate files: `/dev/zero`, a folder,
//! a file over the size cap. Each must fail at once with the path named,
//! not read without end.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::path::{Path, PathBuf};

use jsrun_net::{CertKind, Client, ClientCert, Error, Kind};
use support::{get, TestServer};

/// The cap of `tls::certs::MAX_CERT_FILE_BYTES` (16 MiB), restated here.
const CAP: u64 = 16 * 1024 * 1024;

/// A fresh folder under the system temp folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "jsrun-net-cert-files-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        TempDir(dir)
    }

    /// A file of `len` zero bytes (sparse: nothing is written).
    fn file_of(&self, name: &str, len: u64) -> PathBuf {
        let path = self.0.join(name);
        std::fs::File::create(&path)
            .and_then(|f| f.set_len(len))
            .expect("create file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn build_with_ca(path: &Path) -> Result<Client, Error> {
    Client::builder().add_root_certificate_file(path).build()
}

fn assert_refused(err: &Error, kind: Kind, path: &Path, why: &str) {
    assert_eq!(err.kind(), kind, "{err}");
    let text = err.to_string();
    assert!(text.contains(&*path.to_string_lossy()), "{text}");
    assert!(text.contains(why), "{text}");
}

#[test]
fn a_device_as_ca_file_is_refused() {
    let zero = Path::new("/dev/zero");
    let err = build_with_ca(zero).expect_err("/dev/zero is no CA file");
    assert_refused(&err, Kind::CaFile, zero, "not a regular file");
}

#[test]
fn a_ca_file_over_the_cap_is_refused_and_one_at_the_cap_is_read() {
    let dir = TempDir::new("ca-cap");
    let over = dir.file_of("over.pem", CAP + 1);
    let err = build_with_ca(&over).expect_err("over the cap");
    assert_refused(&err, Kind::CaFile, &over, "larger than 16 MiB");

    // At the cap the file is read, and found to hold no certificate.
    let at = dir.file_of("at.pem", CAP);
    let err = build_with_ca(&at).expect_err("no certificate");
    assert_refused(&err, Kind::CaFile, &at, "no certificate found");
}

#[cfg(unix)]
#[test]
fn a_ca_folder_skips_devices_and_oversized_files() {
    let server = TestServer::start();
    let dir = TempDir::new("ca-folder");
    std::os::unix::fs::symlink("/dev/zero", dir.0.join("zero.pem")).expect("symlink");
    dir.file_of("big.pem", CAP + 1);
    let err = build_with_ca(&dir.0).expect_err("nothing usable");
    assert_refused(&err, Kind::CaFile, &dir.0, "no certificate found in folder");

    // With a real CA beside them, the folder loads.
    std::fs::copy(server.ca_path(), dir.0.join("ca.pem")).expect("copy CA");
    build_with_ca(&dir.0).expect("the CA is found, the rest skipped");
}

#[tokio::test]
async fn a_device_as_request_ca_file_is_refused() {
    let server = TestServer::start();
    let client = Client::new().expect("client");
    let mut req = get(&server.https_url());
    req.options.tls.extra_roots = vec![PathBuf::from("/dev/zero")];
    let err = client
        .fetch(req)
        .await
        .expect_err("/dev/zero is no CA file");
    assert_refused(
        &err,
        Kind::CaFile,
        Path::new("/dev/zero"),
        "not a regular file",
    );
}

/// Fetches the test server's HTTPS URL presenting `cert`.
async fn fetch_with_cert(server: &TestServer, cert: ClientCert) -> Error {
    let client = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .expect("client");
    let mut req = get(&server.https_url());
    req.options.tls.client_cert = Some(cert);
    client
        .fetch(req)
        .await
        .expect_err("unusable client certificate")
}

fn pem_cert(cert: PathBuf, key: Option<PathBuf>) -> ClientCert {
    ClientCert {
        cert,
        key,
        kind: CertKind::Pem,
        password: None,
    }
}

#[tokio::test]
async fn devices_and_folders_as_client_certificate_files_are_refused() {
    let server = TestServer::start();
    let files = server.client_cert();
    let zero = PathBuf::from("/dev/zero");
    let dir = TempDir::new("client-folder");

    let err = fetch_with_cert(&server, pem_cert(zero.clone(), None)).await;
    assert_refused(&err, Kind::LocalCert, &zero, "not a regular file");

    let err = fetch_with_cert(
        &server,
        pem_cert(files.pem_cert.clone(), Some(zero.clone())),
    )
    .await;
    assert_refused(&err, Kind::LocalCert, &zero, "not a regular file");

    let err = fetch_with_cert(&server, pem_cert(dir.0.clone(), None)).await;
    assert_refused(&err, Kind::LocalCert, &dir.0, "not a regular file");

    let p12 = ClientCert {
        cert: zero.clone(),
        key: None,
        kind: CertKind::P12,
        password: Some(files.p12_password.clone()),
    };
    let err = fetch_with_cert(&server, p12).await;
    assert_refused(&err, Kind::LocalCert, &zero, "not a regular file");
}

#[tokio::test]
async fn a_client_certificate_file_over_the_cap_is_refused() {
    let server = TestServer::start();
    let files = server.client_cert();
    let dir = TempDir::new("client-cap");
    let over = dir.file_of("over.pem", CAP + 1);

    let err = fetch_with_cert(&server, pem_cert(over.clone(), None)).await;
    assert_refused(&err, Kind::LocalCert, &over, "larger than 16 MiB");

    let err = fetch_with_cert(
        &server,
        pem_cert(files.pem_cert.clone(), Some(over.clone())),
    )
    .await;
    assert_refused(&err, Kind::LocalCert, &over, "larger than 16 MiB");
}
