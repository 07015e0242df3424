//! HTTPS in the server itself (issue 8, "Only known institutions reach it"): rustls with the
//! ring provider, and optionally client certificates required and verified against one CA.
//!
//! The accept loop is our own (tokio-rustls + hyper-util) rather than `axum::serve`, so each
//! connection's verified client certificate can travel with its requests: every request
//! carries the peer address (`ConnectInfo<SocketAddr>`, as `axum::serve` gives it, for the
//! rate limits) and, when the client presented one, the leaf certificate's SHA-256
//! fingerprint (`ClientCertificate`), which the services check against the certificates the
//! 自治体 registered with their institutions.
use crate::auth::ClientCertificate;
use anyhow::{anyhow, bail, Context};
use axum::extract::{ConnectInfo, Request};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use nsdb_domain::identifiers::CertificateFingerprint;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tower::Service;

/// The PEM files of `nsdb serve --tls-cert --tls-key [--client-ca]`.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// The server's certificate chain, leaf first.
    pub certificate_chain: PathBuf,
    pub private_key: PathBuf,
    /// The CA that issues the institutions' client certificates; with it, every connection
    /// must present a certificate it signed.
    pub client_ca: Option<PathBuf>,
}

/// A client that has not finished the handshake by then is dropped (a stalled or
/// plain-HTTP client must not hold a connection open).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

fn read_pem(path: &Path, what: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{what} {} を読めません", path.display()))
}

fn certificates(path: &Path, what: &str) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let pem = read_pem(path, what)?;
    let certificates = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            anyhow!(
                "{what} {} はPEM形式の証明書ではありません: {e}",
                path.display()
            )
        })?;
    if certificates.is_empty() {
        bail!(
            "{what} {} にPEM形式の証明書（-----BEGIN CERTIFICATE-----）がありません",
            path.display()
        );
    }
    Ok(certificates)
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Reads and checks the PEM files; every problem is an error naming the file, so the
/// server refuses to start instead of serving without the protection asked for.
pub fn server_config(files: &TlsFiles) -> anyhow::Result<Arc<ServerConfig>> {
    let chain = certificates(
        &files.certificate_chain,
        "サーバ証明書ファイル (--tls-cert)",
    )?;
    let key_pem = read_pem(&files.private_key, "秘密鍵ファイル (--tls-key)")?;
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
        anyhow!(
            "秘密鍵ファイル (--tls-key) {} にPEM形式の秘密鍵がありません: {e}",
            files.private_key.display()
        )
    })?;
    let builder = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .context("TLSの設定を作れません")?;
    let builder = match &files.client_ca {
        Some(path) => {
            let mut roots = RootCertStore::empty();
            for ca in certificates(path, "クライアント証明書のCAファイル (--client-ca)")?
            {
                roots.add(ca).map_err(|e| {
                    anyhow!(
                        "クライアント証明書のCAファイル (--client-ca) {} の証明書を使えません: {e}",
                        path.display()
                    )
                })?;
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(roots.into(), provider())
                .build()
                .map_err(|e| {
                    anyhow!(
                        "クライアント証明書のCAファイル (--client-ca) {} を使えません: {e}",
                        path.display()
                    )
                })?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let mut config = builder.with_single_cert(chain, key).map_err(|e| {
        anyhow!(
            "サーバ証明書 {} と秘密鍵 {} を使えません（対になっていないか、形式が違います）: {e}",
            files.certificate_chain.display(),
            files.private_key.display()
        )
    })?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Serves `router` over TLS until the process is stopped.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    config: Arc<ServerConfig>,
) -> anyhow::Result<()> {
    let acceptor = TlsAcceptor::from(config);
    loop {
        let (tcp, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // E.g. out of file descriptors: wait instead of spinning.
                tracing::warn!(error = %e, "accepting a connection failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let acceptor = acceptor.clone();
        let router = router.clone();
        tokio::spawn(async move {
            let stream = match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
                Ok(Ok(stream)) => stream,
                Ok(Err(e)) => {
                    tracing::info!(%peer, error = %e, "TLS handshake refused");
                    return;
                }
                Err(_) => {
                    tracing::info!(%peer, "TLS handshake timed out");
                    return;
                }
            };
            let certificate = stream
                .get_ref()
                .1
                .peer_certificates()
                .and_then(<[_]>::first)
                .map(|leaf| ClientCertificate(CertificateFingerprint::of_der(leaf)));
            let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                if let Some(certificate) = &certificate {
                    request.extensions_mut().insert(certificate.clone());
                }
                router.clone().call(request)
            });
            if let Err(e) = auto::Builder::new(TokioExecutor::new())
                .serve_connection_with_upgrades(TokioIo::new(stream), service)
                .await
            {
                tracing::debug!(%peer, error = %e, "connection ended with an error");
            }
        });
    }
}
