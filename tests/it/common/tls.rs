//! An https:// front for `TestServer`: a certificate for 127.0.0.1 made on the spot, trusted
//! by the binary through `USAGE_TEST_CA_FILE`. Each connection's request is decrypted and
//! passed to the plain server, whose answer goes back encrypted, so the plain server's log
//! shows exactly what the client sent.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use super::server::TestServer;

pub struct TlsFront {
    addr: SocketAddr,
    /// The certificate (PEM) a client must trust.
    pub ca_file: PathBuf,
    pub plain: TestServer,
}

impl TlsFront {
    /// Serves `plain` over TLS; the certificate is written into `dir`.
    pub fn start(plain: TestServer, dir: &Path) -> TlsFront {
        let key = rcgen::KeyPair::generate().unwrap();
        let params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        let cert = params.self_signed(&key).unwrap();
        let ca_file = dir.join("test-ca.pem");
        std::fs::write(&ca_file, cert.pem()).unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
            )
            .unwrap();
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let backend: SocketAddr = plain.url().trim_start_matches("http://").parse().unwrap();
        // Detached: the accept loop ends with the test process.
        thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let config = Arc::clone(&config);
                thread::spawn(move || {
                    let _ = relay(conn, config, backend);
                });
            }
        });
        TlsFront {
            addr,
            ca_file,
            plain,
        }
    }

    /// `https://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }
}

/// One request: read up to the end of its headers (the client only GETs), pass it on, and
/// send the whole answer back.
fn relay(
    tcp: TcpStream,
    config: Arc<rustls::ServerConfig>,
    backend: SocketAddr,
) -> std::io::Result<()> {
    tcp.set_read_timeout(Some(Duration::from_secs(5)))?;
    let conn = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = tls.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        request.extend_from_slice(&buf[..n]);
    }
    let mut up = TcpStream::connect(backend)?;
    up.write_all(&request)?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer)?;
    tls.write_all(&answer)?;
    tls.conn.send_close_notify();
    tls.flush()
}
