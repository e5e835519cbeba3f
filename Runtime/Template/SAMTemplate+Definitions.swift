extension SAMTemplate {
    /// `AWS::Serverless::Function` resources (template order) with globals merged, using the
    /// default resolver. Resources whose `Condition` is false are left out.
    public var functions: [FunctionDefinition] {
        get throws { try functions(resolver: defaultResolver) }
    }

    /// Functions resolved with `resolver` (for parameter overrides, another region, …).
    public func functions(resolver: LocalResolver) throws -> [FunctionDefinition] {
        try included(ResourceType.serverlessFunction, resolver).map {
            try FunctionDefinition(resource: $0, template: self, resolver: resolver)
        }
    }

    /// The function with this logical id.
    /// - Throws: ``TemplateError/noSuchFunction(name:available:)`` listing the functions that exist.
    public func function(named name: String, resolver: LocalResolver? = nil) throws -> FunctionDefinition {
        let resolver = resolver ?? defaultResolver
        let candidates = try included(ResourceType.serverlessFunction, resolver)
        guard let resource = candidates.first(where: { $0.logicalId == name }) else {
            throw TemplateError.noSuchFunction(name: name, available: candidates.map(\.logicalId))
        }
        return try FunctionDefinition(resource: resource, template: self, resolver: resolver)
    }

    /// `AWS::DynamoDB::Table` and `AWS::Serverless::SimpleTable` resources, using the default resolver.
    public var tables: [TableDefinition] {
        get throws { try tables(resolver: defaultResolver) }
    }

    /// Tables resolved with `resolver`.
    public func tables(resolver: LocalResolver) throws -> [TableDefinition] {
        try orderedResources.filter { [ResourceType.dynamoDBTable, ResourceType.simpleTable].contains($0.type) }
            .filter { try resolver.includes($0) }
            .map { try TableDefinition(resource: $0, template: self, resolver: resolver) }
    }

    /// `AWS::Serverless::HttpApi` resources, using the default resolver.
    public var httpApis: [HttpApiDefinition] {
        get throws { try httpApis(resolver: defaultResolver) }
    }

    /// HttpApis resolved with `resolver`.
    public func httpApis(resolver: LocalResolver) throws -> [HttpApiDefinition] {
        try included(ResourceType.httpApi, resolver).map {
            try HttpApiDefinition(resource: $0, template: self, resolver: resolver)
        }
    }

    /// `AWS::S3::Bucket` resources, using the default resolver.
    public var buckets: [BucketDefinition] {
        get throws { try buckets(resolver: defaultResolver) }
    }

    /// Buckets resolved with `resolver`.
    public func buckets(resolver: LocalResolver) throws -> [BucketDefinition] {
        try included(ResourceType.s3Bucket, resolver).map {
            try BucketDefinition(resource: $0, template: self, resolver: resolver)
        }
    }

    private func included(_ type: String, _ resolver: LocalResolver) throws -> [TemplateResource] {
        try resources(ofType: type).filter { try resolver.includes($0) }
    }
}
