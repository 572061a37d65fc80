using System.Globalization;
using System.Net;
using ImAudit.Engine.Matching;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Evaluation;

/// <summary>Whether one request value satisfies one policy value under the positive form of an operator.</summary>
internal static class ValueMatchers
{
    public static Tristate Match(ConditionOperator op, string requestValue, string policyValue, ContextLookup context, bool variablesEnabled)
    {
        switch (op.Family)
        {
            case ConditionFamily.String:
            case ConditionFamily.Arn:
                var pieces = PolicyTemplate.Parse(policyValue, variablesEnabled).Resolve(context, out var unknown);
                if (pieces is null)
                    return Tristate.False;
                bool matched;
                if (op.Like)
                {
                    var options = (op.Family == ConditionFamily.Arn ? GlobOptions.ArnSegments : GlobOptions.None)
                        | (op.IgnoreCase ? GlobOptions.IgnoreCase : GlobOptions.None);
                    matched = Glob.Compile(pieces, options).IsMatch(requestValue);
                }
                else
                {
                    // Equality: an unknown variable was replaced by *, so any equality is only possible, not certain.
                    var text = string.Concat(pieces.Select(p => p.Text));
                    matched = unknown || string.Equals(requestValue, text, op.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
                }
                return !matched ? Tristate.False : unknown ? Tristate.Unknown : Tristate.True;
            case ConditionFamily.Numeric:
                return TristateLogic.From(TryNumber(requestValue, out var a) && TryNumber(policyValue, out var b) && Compare(op.BaseName, a.CompareTo(b)));
            case ConditionFamily.Date:
                return TristateLogic.From(TryDate(requestValue, out var d1) && TryDate(policyValue, out var d2) && Compare(op.BaseName, d1.CompareTo(d2)));
            case ConditionFamily.Bool:
                return TristateLogic.From(string.Equals(requestValue, policyValue, StringComparison.OrdinalIgnoreCase));
            case ConditionFamily.Binary:
                return TristateLogic.From(TryBase64(requestValue, out var x) && TryBase64(policyValue, out var y) && x.AsSpan().SequenceEqual(y));
            case ConditionFamily.IpAddress:
                return TristateLogic.From(IPAddress.TryParse(requestValue, out var ip) && InNetwork(ip, policyValue));
            default:
                return Tristate.False;
        }
    }

    private static bool Compare(string baseName, int order) => baseName switch
    {
        _ when baseName.EndsWith("NotEquals", StringComparison.Ordinal) => order == 0, // negation applied by the caller
        _ when baseName.EndsWith("LessThanEquals", StringComparison.Ordinal) => order <= 0,
        _ when baseName.EndsWith("LessThan", StringComparison.Ordinal) => order < 0,
        _ when baseName.EndsWith("GreaterThanEquals", StringComparison.Ordinal) => order >= 0,
        _ when baseName.EndsWith("GreaterThan", StringComparison.Ordinal) => order > 0,
        _ => order == 0,
    };

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryDate(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            value = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(epoch, 0, 253402300799));
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }

    // IAM accepts CIDR blocks with host bits set (203.0.113.7/24) and bare addresses; IPNetwork.TryParse does not.
    private static bool InNetwork(IPAddress address, string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? cidr : cidr[..slash], out var network) || network.AddressFamily != address.AddressFamily)
            return false;
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var prefix = a.Length * 8;
        if (slash >= 0 && (!int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > a.Length * 8))
            return false;
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
                return false;
        }
        return true;
    }
}
