import SluiceCrypto

/// Amazon S3 over HTTP(S), on the same SigV4 transport as ``DynamoDBClient`` (libcurl for https): PutObject
/// (multipart above ``S3ClientConfiguration/multipartThresholdBytes``), GetObject with byte ranges,
/// HeadObject, ListObjectsV2 with pagination, DeleteObject and CreateBucket.
///
/// Calls block the calling thread (the lake's storage is synchronous; a Lambda handler runs on the
/// runtime's own thread) and are retried by the standard mode's rules. Keys are sent URI-encoded once
/// (S3 signs the path as sent, unlike other services).
public final class S3Client: Sendable {
    public let configuration: S3ClientConfiguration
    let endpoint: HTTPEndpoint
    let transport: AWSHTTPTransport
    let retries: RetrySchedule

    public init(configuration: S3ClientConfiguration) throws(S3ClientError) {
        self.configuration = configuration
        do { endpoint = try HTTPEndpoint(configuration.endpoint) } catch { throw S3ClientError(error) }
        guard configuration.partSizeBytes >= 5 * 1024 * 1024 else {
            throw .configuration("partSizeBytes \(configuration.partSizeBytes) is below S3's 5 MiB minimum part size")
        }
        transport = AWSHTTPTransport(
            libcurlPath: configuration.libcurlPath, region: configuration.region, service: "s3",
            credentials: configuration.credentials, connectTimeoutMilliseconds: configuration.connectTimeoutMilliseconds,
            timeoutMilliseconds: configuration.timeoutMilliseconds, userAgent: "sluice-s3client/1")
        retries = RetrySchedule(
            maxAttempts: configuration.maxAttempts, baseDelayMilliseconds: configuration.baseDelayMilliseconds,
            maxBackoffMilliseconds: configuration.maxBackoffMilliseconds)
    }

    /// A client configured from `environment` (the process environment when nil) and the shared config files.
    public convenience init(environment: [String: String]? = nil) throws(S3ClientError) {
        try self.init(configuration: S3ClientConfiguration.fromEnvironment(environment))
    }

    // MARK: Objects

    /// Stores `bytes` under `key` (one PUT, or a multipart upload when large) and returns its ETag.
    /// `ifMatch` (an ETag) and `ifNoneMatch` (`*`) make the write conditional: a lost race is
    /// ``S3ClientError/preconditionFailed(bucket:key:)``. S3 makes an object visible whole or not at all.
    @discardableResult
    public func putObject(
        bucket: String, key: String, bytes: [UInt8], contentType: String = "application/octet-stream",
        ifMatch: String? = nil, ifNoneMatch: String? = nil
    ) throws(S3ClientError) -> String {
        var conditions: [(String, String)] = []
        if let ifMatch { conditions.append(("If-Match", ifMatch)) }
        if let ifNoneMatch { conditions.append(("If-None-Match", ifNoneMatch)) }
        if bytes.count > configuration.multipartThresholdBytes {
            return try multipartUpload(bucket: bucket, key: key, bytes: bytes, contentType: contentType, conditions: conditions)
        }
        let response = try call(
            "PUT", bucket: bucket, key: key, headers: [("Content-Type", contentType)] + conditions, body: bytes, expect: [200])
        return response.header("etag") ?? ""
    }

    /// The object's bytes, or only `range` of them (`Range: bytes=…`, clamped by S3 to the object's size).
    public func getObject(bucket: String, key: String, range: Range<Int>? = nil) throws(S3ClientError) -> [UInt8] {
        var headers: [(String, String)] = []
        if let range {
            guard !range.isEmpty else { return [] }
            headers.append(("Range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)"))
        }
        return try call("GET", bucket: bucket, key: key, headers: headers, expect: [200, 206]).body
    }

    /// The whole object and its ETag; nil when it does not exist.
    public func fetchObject(bucket: String, key: String) throws(S3ClientError) -> (bytes: [UInt8], etag: String)? {
        do throws(S3ClientError) {
            let response = try call("GET", bucket: bucket, key: key, expect: [200])
            return (response.body, response.header("etag") ?? "")
        } catch .noSuchKey { return nil }
    }

    /// The object's size, ETag and `Last-Modified` (an HTTP date); nil when it does not exist.
    public func headObject(bucket: String, key: String) throws(S3ClientError) -> (size: Int, etag: String, lastModified: String)? {
        do throws(S3ClientError) {
            let response = try call("HEAD", bucket: bucket, key: key, expect: [200])
            guard let size = response.header("content-length").flatMap({ Int($0) }) else {
                throw S3ClientError.invalidResponse(status: response.status, message: "HEAD without Content-Length")
            }
            return (size, response.header("etag") ?? "", response.header("last-modified") ?? "")
        } catch .noSuchKey { return nil }
    }

    /// Deletes the object (no error when it does not exist, as S3 answers).
    public func deleteObject(bucket: String, key: String) throws(S3ClientError) {
        _ = try call("DELETE", bucket: bucket, key: key, expect: [200, 204])
    }

    // MARK: Listing

    /// One page of ListObjectsV2.
    public struct ListPage: Sendable, Hashable {
        public struct Object: Sendable, Hashable {
            public var key: String
            public var size: Int
        }
        public var objects: [Object]
        /// With a delimiter: the "folders" (`prefix…/`) one level down.
        public var commonPrefixes: [String]
        /// Pass to the next call; nil on the last page.
        public var continuationToken: String?
    }

    /// One page of keys under `prefix`, in UTF-8 binary order.
    public func listObjects(
        bucket: String, prefix: String = "", delimiter: String? = nil, maxKeys: Int? = nil, continuationToken: String? = nil
    ) throws(S3ClientError) -> ListPage {
        var parameters = [("list-type", "2"), ("prefix", prefix)]
        if let delimiter { parameters.append(("delimiter", delimiter)) }
        if let maxKeys { parameters.append(("max-keys", String(maxKeys))) }
        if let continuationToken { parameters.append(("continuation-token", continuationToken)) }
        let response = try call("GET", bucket: bucket, key: nil, query: Self.query(parameters), expect: [200])
        let text = Substring(String(decoding: response.body, as: UTF8.self))
        guard text.contains("<ListBucketResult") else {
            throw .invalidResponse(status: response.status, message: "not a ListBucketResult: \(text.prefix(200))")
        }
        var objects: [ListPage.Object] = []
        for contents in S3XML.elements("Contents", in: text) {
            guard let key = S3XML.value("Key", in: contents), let size = S3XML.value("Size", in: contents).flatMap({ Int($0) }) else {
                throw .invalidResponse(status: response.status, message: "a Contents entry without Key or Size")
            }
            objects.append(.init(key: key, size: size))
        }
        let prefixes = S3XML.elements("CommonPrefixes", in: text).compactMap { S3XML.value("Prefix", in: $0) }
        let truncated = S3XML.value("IsTruncated", in: text) == "true"
        let next = truncated ? S3XML.value("NextContinuationToken", in: text) : nil
        if truncated, next == nil {
            throw .invalidResponse(status: response.status, message: "IsTruncated without NextContinuationToken")
        }
        return ListPage(objects: objects, commonPrefixes: prefixes, continuationToken: next)
    }

    /// Every page of keys under `prefix`, concatenated.
    public func listAllObjects(
        bucket: String, prefix: String = "", delimiter: String? = nil, pageSize: Int? = nil
    ) throws(S3ClientError) -> ListPage {
        var all = ListPage(objects: [], commonPrefixes: [], continuationToken: nil)
        var token: String?
        repeat {
            let page = try listObjects(bucket: bucket, prefix: prefix, delimiter: delimiter, maxKeys: pageSize, continuationToken: token)
            all.objects += page.objects
            all.commonPrefixes += page.commonPrefixes
            token = page.continuationToken
        } while token != nil
        return all
    }

    // MARK: Buckets

    /// Creates a bucket (in the client's region); an existing bucket of ours is fine.
    public func createBucket(_ bucket: String) throws(S3ClientError) {
        let body = configuration.region == "us-east-1" ? [] : Array("""
            <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>
            """.utf8)
        do { _ = try call("PUT", bucket: bucket, key: nil, body: body, expect: [200]) } catch .service(code: "BucketAlreadyOwnedByYou", _, _) {}
    }

    // MARK: Multipart upload

    private func multipartUpload(
        bucket: String, key: String, bytes: [UInt8], contentType: String, conditions: [(String, String)]
    ) throws(S3ClientError) -> String {
        let created = try call(
            "POST", bucket: bucket, key: key, query: "uploads=", headers: [("Content-Type", contentType)], expect: [200])
        guard let uploadID = S3XML.value("UploadId", in: Substring(String(decoding: created.body, as: UTF8.self))) else {
            throw .invalidResponse(status: created.status, message: "CreateMultipartUpload answered no UploadId")
        }
        let uploadQuery = "uploadId=" + SigV4.encode(uploadID.utf8)
        do throws(S3ClientError) {
            var etags: [String] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + configuration.partSizeBytes)
                let part = try call(
                    "PUT", bucket: bucket, key: key, query: "partNumber=\(etags.count + 1)&" + uploadQuery,
                    // A type of its own, or libcurl sends its form default and some servers parse the body as a form.
                    headers: [("Content-Type", "application/octet-stream")], body: Array(bytes[start..<end]), expect: [200])
                guard let etag = part.header("etag") else {
                    throw S3ClientError.invalidResponse(status: part.status, message: "UploadPart answered no ETag")
                }
                etags.append(etag)
                start = end
            }
            var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            for (index, etag) in etags.enumerated() {
                xml += "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(S3XML.escape(etag))</ETag></Part>"
            }
            xml += "</CompleteMultipartUpload>"
            let completed = try call(
                "POST", bucket: bucket, key: key, query: uploadQuery, headers: [("Content-Type", "application/xml")] + conditions,
                body: Array(xml.utf8), expect: [200])
            // CompleteMultipartUpload can fail after its 200 status line: the error is then in the body.
            let text = Substring(String(decoding: completed.body, as: UTF8.self))
            if text.contains("<Error>") { throw Self.error(status: 500, body: completed.body, bucket: bucket, key: key) }
            return S3XML.value("ETag", in: text) ?? completed.header("etag") ?? ""
        } catch {
            // Parts of an abandoned upload are stored (and billed) until aborted.
            _ = try? call("DELETE", bucket: bucket, key: key, query: uploadQuery, expect: [200, 204])
            throw error
        }
    }

    // MARK: Requests

    /// Sends one operation with retries; a status outside `expect` is turned into its error.
    func call(
        _ method: String, bucket: String, key: String?, query: String = "", headers: [(String, String)] = [],
        body: [UInt8] = [], expect: Set<Int>
    ) throws(S3ClientError) -> HTTPResponse {
        let request = try self.request(method, bucket: bucket, key: key, query: query, headers: headers, body: body)
        return try retries.run(isRetryable: { (error: S3ClientError) in error.isRetryable }) { () throws(S3ClientError) -> HTTPResponse in
            let response: HTTPResponse
            do throws(DynamoClientError) { response = try transport.send(request) } catch { throw S3ClientError(error) }
            guard expect.contains(response.status) else {
                throw Self.error(status: response.status, body: response.body, bucket: bucket, key: key)
            }
            return response
        }
    }

    /// The request for `bucket`/`key`, path-style or virtual-hosted.
    func request(
        _ method: String, bucket: String, key: String?, query: String, headers: [(String, String)], body: [UInt8]
    ) throws(S3ClientError) -> SignedRequest {
        guard Self.isBucketName(bucket) else {
            throw .configuration("'\(bucket)' is not an S3 bucket name (3–63 lower-case letters, digits, '.' and '-')")
        }
        let encodedKey = key.map { $0.split(separator: "/", omittingEmptySubsequences: false).map { SigV4.encode($0.utf8) }.joined(separator: "/") }
        var base = endpoint.path
        if base.hasSuffix("/") { base.removeLast() }
        // Virtual-hosted names cannot carry dots under TLS (the certificate is *.s3…): path-style for those.
        if configuration.pathStyle || bucket.contains(".") {
            let path = base + "/" + bucket + (encodedKey.map { "/" + $0 } ?? "/")
            return SignedRequest(
                method: method, scheme: endpoint.scheme, authority: endpoint.authority, path: path, query: query, headers: headers, body: body)
        }
        return SignedRequest(
            method: method, scheme: endpoint.scheme, authority: bucket + "." + endpoint.authority, path: base + "/" + (encodedKey ?? ""),
            query: query, headers: headers, body: body)
    }

    /// `name=value&…` with names and values URI-encoded.
    static func query(_ parameters: [(String, String)]) -> String {
        parameters.map { SigV4.encode($0.0.utf8) + "=" + SigV4.encode($0.1.utf8) }.joined(separator: "&")
    }

    /// S3's rules for bucket names: 3 to 63 characters, lower-case letters, digits, `.` and `-`,
    /// starting and ending with a letter or digit.
    public static func isBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func alphanumeric(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) }
        guard alphanumeric(bytes.first!), alphanumeric(bytes.last!) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// An S3 error document (`<Error><Code>…</Code><Message>…</Message></Error>`, or no body for HEAD)
    /// as a client error.
    static func error(status: Int, body: [UInt8], bucket: String, key: String?) -> S3ClientError {
        let text = Substring(String(decoding: body, as: UTF8.self))
        let code = S3XML.value("Code", in: text) ?? (status == 404 ? (key == nil ? "NoSuchBucket" : "NoSuchKey") : nil)
        let message = S3XML.value("Message", in: text) ?? ""
        switch code {
        case "NoSuchBucket": return .noSuchBucket(bucket)
        case "NoSuchKey": return .noSuchKey(bucket: bucket, key: key ?? "")
        case "PreconditionFailed": return .preconditionFailed(bucket: bucket, key: key ?? "")
        case .some(let code): return .service(code: code, message: message, status: status)
        case .none:
            if status == 412 { return .preconditionFailed(bucket: bucket, key: key ?? "") }
            let snippet = String(text.prefix(200))
            return status >= 500 || status == 503
                ? .service(code: "HTTP\(status)", message: snippet, status: status)
                : .invalidResponse(status: status, message: snippet.isEmpty ? "empty body" : snippet)
        }
    }
}
