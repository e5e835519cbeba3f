// OpenSSL's libcrypto: SHA-256 and HMAC for JWTs and AWS SigV4.
#ifndef SLUICE_CLIBCRYPTO_SHIM_H
#define SLUICE_CLIBCRYPTO_SHIM_H
// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, whose one-shot calls look the
// algorithm up in the provider tables on every call; Digest uses the direct functions on purpose.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#endif
