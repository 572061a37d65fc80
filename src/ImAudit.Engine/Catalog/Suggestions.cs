using System.Collections.Frozen;

namespace ImAudit.Engine.Catalog;

/// <summary>The nearest real action or service prefix to a misspelt one.</summary>
internal static class Suggestions
{
    private const string Incidents = IncidentManager.Incidents;
    private const string Contacts = IncidentManager.Contacts;

    // Slips seen in real policies, mapped to the prefix meant.
    private static readonly FrozenDictionary<string, string> KnownSlips = new Dictionary<string, string>
    {
        ["ssm-incident"] = Incidents,
        ["ssmincidents"] = Incidents,
        ["ssm_incidents"] = Incidents,
        ["ssm-incidents-manager"] = Incidents,
        ["incident-manager"] = Incidents,
        ["incidentmanager"] = Incidents,
        ["incidents"] = Incidents,
        ["ssm-contact"] = Contacts,
        ["ssmcontacts"] = Contacts,
        ["ssm_contacts"] = Contacts,
        ["contacts"] = Contacts,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Names people know services by that are not their IAM prefixes (spelling distance would mislead: `emr` is
    // nearest to `ecr`, but EMR's actions are under `elasticmapreduce`).
    private static readonly FrozenDictionary<string, string> WellKnownNames = new Dictionary<string, string>
    {
        ["emr"] = "elasticmapreduce",
        ["elb"] = "elasticloadbalancing",
        ["alb"] = "elasticloadbalancing",
        ["nlb"] = "elasticloadbalancing",
        ["eventbridge"] = "events",
        ["stepfunctions"] = "states",
        ["sfn"] = "states",
        ["cloudwatchlogs"] = "logs",
        ["cloudwatch-logs"] = "logs",
        ["opensearch"] = "es",
        ["elasticsearch"] = "es",
        ["msk"] = "kafka",
        ["vpc"] = "ec2",
        ["cognito"] = "cognito-idp",
        ["systemsmanager"] = "ssm",
        ["secrets-manager"] = "secretsmanager",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, string>> Retired = new(() =>
        EmbeddedData.Rows("ImAudit.Engine.rules.retired-services.tsv").ToFrozenDictionary(f => f[0], f => f[1], StringComparer.OrdinalIgnoreCase));

    /// <summary>The name of a retired AWS service with this prefix, or null.</summary>
    public static string? RetiredService(string prefix) => Retired.Value.GetValueOrDefault(prefix);

    public static string? NearestAction(ServiceInfo service, string name)
    {
        var lower = name.ToLowerInvariant();
        var max = Math.Max(2, name.Length / 4);
        ActionInfo? best = null;
        var bestDistance = int.MaxValue;
        foreach (var action in service.Actions)
        {
            var candidate = action.Name.ToLowerInvariant();
            var distance = candidate == lower + "s" || candidate + "s" == lower ? 0 : EditDistanceWithin(lower, candidate, max);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(action.Name, best!.Name) < 0))
                (best, bestDistance) = (action, distance);
        }
        return best is not null && bestDistance <= max ? best.FullName : null;
    }

    /// <summary>For an unknown prefix: the Incident Manager service that has the action, a known slip, or the nearest prefix.</summary>
    public static string? NearestPrefix(IamCatalog catalog, string prefix, string name, bool nameIsLiteral)
    {
        var lower = prefix.ToLowerInvariant();
        if (nameIsLiteral)
        {
            foreach (var service in new[] { Incidents, Contacts })
            {
                if (catalog.FindAction(service, name) is { } action && (KnownSlips.ContainsKey(prefix) || EditDistanceWithin(lower, service, 4) <= 4))
                    return action.FullName;
            }
        }
        var max = Math.Max(1, prefix.Length / 4);
        var target = KnownSlips.GetValueOrDefault(prefix)
            ?? (WellKnownNames.GetValueOrDefault(prefix) is { } known && catalog.FindService(known) is not null ? known : null)
            ?? catalog.Services.Select(s => s.Prefix)
                .Select(p => (Prefix: p, Distance: EditDistanceWithin(lower, p, max)))
                .Where(c => c.Distance <= max)
                .OrderBy(c => c.Distance).ThenBy(c => c.Prefix, StringComparer.Ordinal)
                .Select(c => c.Prefix).FirstOrDefault();
        if (target is null)
            return null;
        return nameIsLiteral && catalog.FindAction(target, name) is { } found ? found.FullName : $"{target}:{name}";
    }

    /// <summary>
    /// The edit distance of <paramref name="a"/> and <paramref name="b"/> when it is at most <paramref name="max"/>,
    /// else some number above it. Suggestions only want near names, and a document may hold 40,000 unknown actions
    /// (issue 13): lengths further apart than the bound are not compared, and a row past it stops the rest.
    /// </summary>
    internal static int EditDistanceWithin(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
            return max + 1;
        if (b.Length > 256)
            return Math.Min(EditDistance(a, b), max + 1);
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }
            // Every later row's values are at least this row's smallest.
            if (rowMinimum > max)
                return max + 1;
            var swap = previous;
            previous = current;
            current = swap;
        }
        return Math.Min(previous[b.Length], max + 1);
    }

    /// <summary>The exact Levenshtein distance: the slow reference of <see cref="EditDistanceWithin"/>.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
