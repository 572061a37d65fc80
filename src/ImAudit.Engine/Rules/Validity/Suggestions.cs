using ImAudit.Engine.Catalog;

namespace ImAudit.Engine.Rules.Validity;

/// <summary>The nearest real action or service prefix to a misspelt one.</summary>
internal static class Suggestions
{
    public const string Incidents = "ssm-incidents";
    public const string Contacts = "ssm-contacts";

    // Slips seen in real policies, mapped to the prefix meant.
    private static readonly Dictionary<string, string> KnownSlips = new(StringComparer.OrdinalIgnoreCase)
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
    };

    // Names people know services by that are not their IAM prefixes (spelling distance would mislead: `emr` is
    // nearest to `ecr`, but EMR's actions are under `elasticmapreduce`).
    private static readonly Dictionary<string, string> WellKnownNames = new(StringComparer.OrdinalIgnoreCase)
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
    };

    private static readonly Lazy<Dictionary<string, string>> Retired = new(() =>
        EmbeddedData.Rows("ImAudit.Engine.rules.retired-services.tsv").ToDictionary(f => f[0], f => f[1], StringComparer.OrdinalIgnoreCase));

    /// <summary>The name of a retired AWS service with this prefix, or null.</summary>
    public static string? RetiredService(string prefix) => Retired.Value.GetValueOrDefault(prefix);

    public static bool IsIncidentManager(string prefix) =>
        prefix.Equals(Incidents, StringComparison.OrdinalIgnoreCase) || prefix.Equals(Contacts, StringComparison.OrdinalIgnoreCase);

    public static string? NearestAction(ServiceInfo service, string name)
    {
        var lower = name.ToLowerInvariant();
        ActionInfo? best = null;
        var bestDistance = int.MaxValue;
        foreach (var action in service.Actions)
        {
            var candidate = action.Name.ToLowerInvariant();
            var distance = candidate == lower + "s" || candidate + "s" == lower ? 0 : EditDistance(lower, candidate);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(action.Name, best!.Name) < 0))
                (best, bestDistance) = (action, distance);
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 4) ? best.FullName : null;
    }

    /// <summary>For an unknown prefix: the Incident Manager service that has the action, a known slip, or the nearest prefix.</summary>
    public static string? NearestPrefix(IamCatalog catalog, string prefix, string name, bool nameIsLiteral)
    {
        if (nameIsLiteral)
        {
            foreach (var service in new[] { Incidents, Contacts })
            {
                if (catalog.FindAction(service, name) is { } action && (KnownSlips.ContainsKey(prefix) || EditDistance(prefix.ToLowerInvariant(), service) <= 4))
                    return action.FullName;
            }
        }
        var target = KnownSlips.GetValueOrDefault(prefix)
            ?? (WellKnownNames.GetValueOrDefault(prefix) is { } known && catalog.FindService(known) is not null ? known : null)
            ?? catalog.Services.Select(s => s.Prefix)
                .Select(p => (Prefix: p, Distance: EditDistance(prefix.ToLowerInvariant(), p)))
                .Where(c => c.Distance <= Math.Max(1, prefix.Length / 4))
                .OrderBy(c => c.Distance).ThenBy(c => c.Prefix, StringComparer.Ordinal)
                .Select(c => c.Prefix).FirstOrDefault();
        if (target is null)
            return null;
        return nameIsLiteral && catalog.FindAction(target, name) is { } found ? found.FullName : $"{target}:{name}";
    }

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
