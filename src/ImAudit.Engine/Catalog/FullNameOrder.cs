namespace ImAudit.Engine.Catalog;

/// <summary>Lists kept in ordinal order of action full names (scopes, effective access) are searched by halving.</summary>
internal static class FullNameOrder
{
    /// <summary>The index of the item whose full name is <paramref name="fullName"/> (ordinal), or -1.</summary>
    public static int IndexOf<T>(ReadOnlySpan<T> items, Func<T, string> fullNameOf, string fullName)
    {
        var (low, high) = (0, items.Length - 1);
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = string.CompareOrdinal(fullNameOf(items[middle]), fullName);
            if (order == 0)
                return middle;
            if (order < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return -1;
    }
}
