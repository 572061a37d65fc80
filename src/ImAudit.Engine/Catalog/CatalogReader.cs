using System.Collections.Immutable;

namespace ImAudit.Engine.Catalog;

/// <summary>Reads the compact tab-separated catalogue format (see the header of <c>catalog.tsv</c>).</summary>
internal static class CatalogReader
{
    public static IamCatalog Read(TextReader reader)
    {
        var source = "unknown";
        var services = ImmutableArray.CreateBuilder<ServiceInfo>();
        Builder? current = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            if (line[0] == '#')
            {
                if (line.StartsWith("# source ", StringComparison.Ordinal))
                    source = line["# source ".Length..].Split(' ')[0];
                continue;
            }
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "S":
                    if (current is not null)
                        services.Add(current.Build());
                    current = new Builder(fields[1], fields[2]);
                    break;
                case "R" when current is not null:
                    current.ResourceTypes[fields[1]] = new ResourceTypeInfo(fields[1], List(fields[2], ' '), List(fields[3], ','));
                    break;
                case "K" when current is not null:
                    current.ConditionKeys[fields[1]] = fields[2];
                    break;
                case "A" when current is not null && fields.Length == 7:
                    current.Actions.Add(new ActionInfo(
                        current.Prefix,
                        fields[1],
                        AccessLevelNames.FromCode(fields[2][0]),
                        fields[3] == "p",
                        [.. List(fields[4], ',').Select(r => new ActionResourceType(r.TrimEnd('*'), r.EndsWith('*')))],
                        List(fields[5], ','),
                        List(fields[6], ',')));
                    break;
                default:
                    throw new FormatException($"catalogue line {lineNumber} is not understood: `{line[..Math.Min(line.Length, 60)]}`");
            }
        }
        if (current is not null)
            services.Add(current.Build());
        services.Sort((a, b) => string.CompareOrdinal(a.Prefix, b.Prefix));
        return new IamCatalog(source, services.ToImmutable());
    }

    private static ImmutableArray<string> List(string field, char separator) =>
        field.Length == 0 ? [] : [.. field.Split(separator)];

    private sealed class Builder(string prefix, string name)
    {
        public string Prefix { get; } = prefix;

        public List<ActionInfo> Actions { get; } = [];

        public Dictionary<string, ResourceTypeInfo> ResourceTypes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> ConditionKeys { get; } = new(StringComparer.Ordinal);

        public ServiceInfo Build() => new(
            Prefix,
            name,
            [.. Actions.OrderBy(a => a.Name, StringComparer.Ordinal)],
            ResourceTypes.ToImmutableDictionary(),
            ConditionKeys.ToImmutableDictionary());
    }
}
