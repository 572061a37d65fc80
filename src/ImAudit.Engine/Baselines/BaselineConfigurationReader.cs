using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ImAudit.Engine.Inventory;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Baselines;

public sealed record ConfigurationResult(BaselineConfiguration? Configuration, ImmutableArray<string> Errors);

/// <summary>
/// Reads the baseline configuration. Every problem is reported with its JSON Pointer; nothing is guessed.
/// <paramref name="readPolicyFile"/> returns the bytes of a policy file named by a mapping (relative to the
/// configuration file), or null when it cannot be read: the engine itself reads no files.
/// </summary>
public static class BaselineConfigurationReader
{
    public static ConfigurationResult Read(ReadOnlyMemory<byte> json, string source, Func<string, byte[]?> readPolicyFile)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return new(null, [$"`{MessageText.Inline(source)}` line {e.LineNumber + 1}: not valid JSON"]);
        }
        using (document)
        {
            var errors = ImmutableArray.CreateBuilder<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new(null, [$"`{MessageText.Inline(source)}`: a baseline configuration is a JSON object"]);
            var mappings = root.Array("baselines").Select((m, i) => Mapping(m, $"/baselines/{i}", readPolicyFile, errors)).OfType<BaselineMapping>().ToImmutableArray();
            var suppressions = root.Array("suppressions").Select((s, i) => SuppressionOf(s, $"/suppressions/{i}", errors)).OfType<Suppression>().ToImmutableArray();
            var trusted = root.Strings("trustedAccounts");
            foreach (var account in trusted.Where(a => a.Length != 12 || !a.All(char.IsAsciiDigit)))
                errors.Add($"/trustedAccounts: `{MessageText.Inline(account)}` is not a 12-digit account id");
            var configuration = new BaselineConfiguration(mappings, trusted, root.Text("trustedOrganization"), suppressions);
            return errors.Count == 0
                ? new(configuration, [])
                : new(null, [.. errors.Select(e => $"`{MessageText.Inline(source)}` {e}")]);
        }
    }

    private static BaselineMapping? Mapping(JsonElement m, string pointer, Func<string, byte[]?> readPolicyFile, ImmutableArray<string>.Builder errors)
    {
        var target = m.Text("baseline");
        var match = m.TryGetProperty("match", out var mm) ? mm : default;
        var tag = match.ValueKind == JsonValueKind.Object ? match.Text("tag") : null;
        var principalMatch = new PrincipalMatch(match.ValueKind == JsonValueKind.Object ? match.Text("arn") : null,
            match.ValueKind == JsonValueKind.Object ? match.Text("path") : null,
            tag?.Split('=', 2)[0], tag is not null && tag.Contains('=', StringComparison.Ordinal) ? tag.Split('=', 2)[1] : null);
        if (principalMatch is { ArnPattern: null, PathPrefix: null, TagKey: null })
        {
            errors.Add($"{pointer}/match: give `arn`, `path` or `tag` (key=value)");
            return null;
        }
        switch (target)
        {
            case null:
                errors.Add($"{pointer}/baseline: missing; use `admin`, a managed policy `NAME` or `NAME@vN`, or a policy file");
                return null;
            case "admin":
                return new BaselineMapping(principalMatch, "admin", true, null);
        }
        if (ManagedBaselines.Find(target) is { } managed)
            return new BaselineMapping(principalMatch, managed.QualifiedName, false, managed.Document);
        if (readPolicyFile(target) is { } bytes)
        {
            var policy = PolicyParser.Parse(bytes, PolicyKind.Identity, target);
            if (!policy.HasErrors)
                return new BaselineMapping(principalMatch, target, false, policy);
            errors.Add($"{pointer}/baseline: policy file `{MessageText.Inline(target)}`: {policy.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error).Message}");
            return null;
        }
        errors.Add($"{pointer}/baseline: `{MessageText.Inline(target)}` is neither `admin`, a known managed policy version, nor a readable policy file");
        return null;
    }

    private static Suppression? SuppressionOf(JsonElement s, string pointer, ImmutableArray<string>.Builder errors)
    {
        var rule = s.Text("rule");
        var reason = s.Text("reason");
        if (rule is null || reason is null)
        {
            errors.Add($"{pointer}: a suppression needs `rule` and `reason`");
            return null;
        }
        DateOnly? expires = null;
        if (s.Text("expires") is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add($"{pointer}/expires: `{MessageText.Inline(text)}` is not a date (YYYY-MM-DD)");
                return null;
            }
            expires = date;
        }
        return new Suppression(rule, s.Text("resource") ?? "*", reason, expires);
    }
}
