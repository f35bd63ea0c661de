package main

// PKI with Go's crypto/x509 so that no openssl is needed. ECDSA P-256 keys: instant to generate (RSA-2048 costs
// ~100 ms each on a small box) and accepted by kube-apiserver for TLS, client certs and service-account tokens.
// Exception: the admin key, which Java clients read, is RSA in PKCS#1 form — Fabric8's kubeconfig loader assumes RSA
// unless told otherwise (client-key-algo) and fails on EC keys with "Invalid DER: object is not integer".

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

type keyPair struct {
	cert *x509.Certificate
	key  crypto.Signer
}

// pki holds the file paths the components are started with.
type pki struct {
	dir                    string
	caCrt                  string
	servingCrt, servingKey string
	saKey, saPub           string
}

// clientCert returns the paths of the client certificate/key for user cn.
func (p *pki) clientCert(cn string) (string, string) {
	return filepath.Join(p.dir, cn+".crt"), filepath.Join(p.dir, cn+".key")
}

// clientUsers are the identities we issue certificates for. All are in system:masters: the components here
// are trusted test infrastructure, and this avoids depending on kube-controller-manager's per-controller
// service-account credentials (an extra moving part at start-up). RBAC still applies to everything else.
var clientUsers = []string{"admin", "kube-controller-manager", "kube-scheduler", "kwok", "device-plugin-sim"}

func newPKI(dir string) (*pki, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	p := &pki{dir: dir, caCrt: filepath.Join(dir, "ca.crt"),
		servingCrt: filepath.Join(dir, "apiserver.crt"), servingKey: filepath.Join(dir, "apiserver.key"),
		saKey: filepath.Join(dir, "sa.key"), saPub: filepath.Join(dir, "sa.pub")}

	ca, err := newCert(nil, &x509.Certificate{Subject: pkix.Name{CommonName: "gpushift-local-ca"}, IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature})
	if err != nil {
		return nil, err
	}
	if err := writeCert(p.caCrt, "", ca); err != nil {
		return nil, err
	}
	serving, err := newCert(ca, &x509.Certificate{Subject: pkix.Name{CommonName: "kube-apiserver"},
		DNSNames: []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
			"kubernetes.default.svc.cluster.local"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.96.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
	if err != nil {
		return nil, err
	}
	if err := writeCert(p.servingCrt, p.servingKey, serving); err != nil {
		return nil, err
	}
	for _, cn := range clientUsers {
		kp, err := newCertWithKey(ca, cn == "admin", &x509.Certificate{Subject: pkix.Name{CommonName: cn, Organization: []string{"system:masters"}},
			KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth},
			// kwok also serves its own (fake kubelet) endpoint with its certificate.
			DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}})
		if err != nil {
			return nil, err
		}
		crt, key := p.clientCert(cn)
		if err := writeCert(crt, key, kp); err != nil {
			return nil, err
		}
	}
	// Service-account token signing key pair.
	sa, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	if err := writeKey(p.saKey, sa); err != nil {
		return nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(&sa.PublicKey)
	if err != nil {
		return nil, err
	}
	return p, os.WriteFile(p.saPub, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}), 0o600)
}

// newCert creates a certificate from tmpl signed by parent (self-signed when parent is nil).
func newCert(parent *keyPair, tmpl *x509.Certificate) (*keyPair, error) {
	return newCertWithKey(parent, false, tmpl)
}

func newCertWithKey(parent *keyPair, useRSA bool, tmpl *x509.Certificate) (*keyPair, error) {
	var key crypto.Signer
	var err error
	if useRSA {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	} else {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, err
	}
	tmpl.SerialNumber = serial
	tmpl.NotBefore = time.Now().Add(-time.Hour) // tolerate small clock skew
	tmpl.NotAfter = time.Now().Add(10 * 365 * 24 * time.Hour)
	signerCert, signerKey := tmpl, key
	if parent != nil {
		signerCert, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signerCert, key.Public(), signerKey)
	if err != nil {
		return nil, fmt.Errorf("creating certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &keyPair{cert: cert, key: key}, nil
}

func writeCert(crtPath, keyPath string, kp *keyPair) error {
	if err := os.WriteFile(crtPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: kp.cert.Raw}), 0o600); err != nil {
		return err
	}
	if keyPath == "" {
		return nil
	}
	return writeKey(keyPath, kp.key)
}

func writeKey(path string, key crypto.Signer) error {
	if k, ok := key.(*rsa.PrivateKey); ok {
		return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}), 0o600)
	}
	// PKCS#8 for EC keys: read by every Go component.
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}

// writeKubeconfig writes a kubeconfig for server authenticating as user cn with its client certificate.
func writeKubeconfig(path, server string, p *pki, cn string) error {
	crt, key := p.clientCert(cn)
	content := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: gpushift-local
  cluster:
    server: %s
    certificate-authority: %s
users:
- name: %s
  user:
    client-certificate: %s
    client-key: %s
contexts:
- name: gpushift-local
  context:
    cluster: gpushift-local
    user: %s
current-context: gpushift-local
`, server, p.caCrt, cn, crt, key, cn)
	return os.WriteFile(path, []byte(content), 0o600)
}
