/// SAM's `Globals` merge rules (as implemented by the SAM translator's `globals.py`):
///
/// * scalars — the resource's value wins;
/// * mappings — merged key by key, recursively (so `Environment.Variables` is merged per variable,
///   the resource winning on a shared key);
/// * lists — concatenated, globals first (`Layers`, `SecurityGroupIds`, …);
/// * an intrinsic function counts as a scalar, and when the two sides have different kinds the
///   resource's value wins.
public enum GlobalsMerger {
    /// Merges `Globals.<section>` into a resource's properties.
    public static func merge(globals: TemplateMap, into properties: TemplateMap) -> TemplateMap {
        mergeMaps(globals, properties)
    }

    /// Merges one global value with one resource value using the rules above.
    public static func merge(global: TemplateValue, local: TemplateValue) -> TemplateValue {
        switch (kind(of: global), kind(of: local)) {
        case (.map, .map):
            return .map(mergeMaps(global.mapValue ?? [:], local.mapValue ?? [:]))
        case (.list, .list):
            return .list((global.listValue ?? []) + (local.listValue ?? []))
        default:
            return local
        }
    }

    private enum Kind { case scalar, list, map }

    private static func kind(of value: TemplateValue) -> Kind {
        if value.intrinsic != nil { return .scalar }
        switch value {
        case .list: return .list
        case .map: return .map
        default: return .scalar
        }
    }

    private static func mergeMaps(_ global: TemplateMap, _ local: TemplateMap) -> TemplateMap {
        var result = TemplateMap()
        for entry in global.entries {
            if let localValue = local[entry.key] {
                result[entry.key] = merge(global: entry.value, local: localValue)
            } else {
                result[entry.key] = entry.value
            }
        }
        for entry in local.entries where !global.contains(key: entry.key) { result[entry.key] = entry.value }
        return result
    }
}
