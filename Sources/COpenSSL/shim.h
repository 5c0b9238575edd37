// OpenSSL 3 from Debian's libssl-dev. Several calls wisp needs are macros (SNI, the mode and
// version setters) and the subject-alternative-name walk is pointer-heavy C: these wrappers
// give Swift plain functions.
#pragma once
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <stdio.h>
#include <arpa/inet.h>

static inline long wisp_ssl_set_sni(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

static inline int wisp_ssl_ctx_set_min_tls12(SSL_CTX *ctx) {
    return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}

static inline int wisp_ssl_ctx_set_max_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

static inline void wisp_ssl_ctx_refuse_renegotiation(SSL_CTX *ctx) {
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
}

static int wisp_no_passphrase(char *buf, int size, int rwflag, void *userdata) {
    (void)buf; (void)size; (void)rwflag; (void)userdata;
    return 0;
}

/// A passphrase-protected key fails to load instead of OpenSSL asking for the passphrase on
/// the terminal (which would block a server, or fight the interface for the tty).
static inline void wisp_ssl_ctx_never_prompt(SSL_CTX *ctx) {
    SSL_CTX_set_default_passwd_cb(ctx, wisp_no_passphrase);
}

static inline int wisp_tls12_version(void) { return TLS1_2_VERSION; }
static inline int wisp_tls13_version(void) { return TLS1_3_VERSION; }

static inline void wisp_ssl_ctx_set_modes(SSL_CTX *ctx) {
    // Buffers are released when idle; writes are always whole (memory BIOs never refuse bytes).
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
}

/// Appends the certificate's DNS and IP subject alternative names to `out`, comma-separated,
/// falling back to the subject CN when there are none; returns the length written.
static inline size_t wisp_x509_names(X509 *cert, char *out, size_t capacity) {
    size_t used = 0;
    if (capacity == 0) return 0;
    out[0] = 0;
    GENERAL_NAMES *names = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    int count = names ? sk_GENERAL_NAME_num(names) : 0;
    for (int i = 0; i < count; i++) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        char text[64];
        const char *piece = NULL;
        size_t length = 0;
        if (name->type == GEN_DNS) {
            piece = (const char *)ASN1_STRING_get0_data(name->d.dNSName);
            length = (size_t)ASN1_STRING_length(name->d.dNSName);
        } else if (name->type == GEN_IPADD) {
            const unsigned char *ip = ASN1_STRING_get0_data(name->d.iPAddress);
            int n = ASN1_STRING_length(name->d.iPAddress);
            if (n != 4 && n != 16) continue;
            if (!inet_ntop(n == 4 ? AF_INET : AF_INET6, ip, text, sizeof text)) continue;
            piece = text;
            length = strlen(text);
        }
        if (!piece) continue;
        size_t need = length + (used ? 2 : 0);
        if (used + need + 1 > capacity) break;
        if (used) { memcpy(out + used, ", ", 2); used += 2; }
        memcpy(out + used, piece, length);
        used += length;
        out[used] = 0;
    }
    if (names) GENERAL_NAMES_free(names);
    if (used == 0) {
        X509_NAME *subject = X509_get_subject_name(cert);
        int n = subject ? X509_NAME_get_text_by_NID(subject, NID_commonName, out, (int)capacity) : -1;
        used = n > 0 ? (size_t)n : 0;
        out[used] = 0;
    }
    return used;
}
