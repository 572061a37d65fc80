using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using ImAudit.Engine.Rules;

namespace ImAudit.Engine.Tests.Rules;

/// <summary>
/// Rules are pure functions of their context (issue 16): no type of the rules' namespaces keeps process-wide mutable
/// state, and a rule object holds nothing a run could change. Caches belong to the audit's memo or the catalogue's
/// (docs/engine.md, "Caches"), reached through the context.
/// </summary>
public class RuleStateTests
{
    private static readonly Assembly Engine = typeof(RuleRegistry).Assembly;

    private static IEnumerable<Type> RuleTypes() =>
        Engine.GetTypes().Where(t => t.Namespace is { } ns && (ns == "ImAudit.Engine.Rules" || ns.StartsWith("ImAudit.Engine.Rules.", StringComparison.Ordinal)));

    [Fact]
    public void No_type_in_the_rules_keeps_mutable_static_state()
    {
        var offenders = (
            from type in RuleTypes()
            from field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            where !IsAllowedStatic(field)
            select $"{type.FullName}.{field.Name}: {Describe(field)}").ToList();

        Assert.True(offenders.Count == 0, "static state in rules (make it readonly and immutable by type, or move it to a memo):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void A_rule_object_holds_nothing_a_run_could_change()
    {
        var offenders = (
            from type in RuleTypes().Where(IsRule)
            from field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            where !field.IsInitOnly || !IsImmutable(field.FieldType, [])
            select $"{type.FullName}.{field.Name}: {Describe(field)}").ToList();

        Assert.True(offenders.Count == 0, "instance state in rules:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_catches_mutable_static_state()
    {
        // The test's own judgement, on fields this class declares: a mutable set and a writable field fail it.
        Assert.False(IsAllowedStatic(typeof(Examples).GetField(nameof(Examples.Set), BindingFlags.Static | BindingFlags.NonPublic)!));
        Assert.False(IsAllowedStatic(typeof(Examples).GetField(nameof(Examples.Count), BindingFlags.Static | BindingFlags.NonPublic)!));
        Assert.False(IsAllowedStatic(typeof(Examples).GetField(nameof(Examples.Memo), BindingFlags.Static | BindingFlags.NonPublic)!));
        Assert.True(IsAllowedStatic(typeof(Examples).GetField(nameof(Examples.Frozen), BindingFlags.Static | BindingFlags.NonPublic)!));
    }

    private static class Examples
    {
#pragma warning disable CA2211, IDE0044, CS0649 // the point: fields the check must refuse
        internal static readonly HashSet<string> Set = [];
        internal static int Count;
        internal static readonly ConditionalWeakTable<object, object> Memo = [];
        internal static readonly Lazy<FrozenSet<string>> Frozen = new(() => FrozenSet<string>.Empty);
#pragma warning restore CA2211, IDE0044, CS0649
    }

    private static bool IsAllowedStatic(FieldInfo field)
    {
        if (field.IsLiteral)
            return true;
        // The compiler's delegate caches: `<>c.<>9` (the lambdas' one closure instance), `<>c.<>9__N_M` (lambdas) and
        // `<>O.<0>__Name` (method groups). Written once, racily but harmlessly, with equal delegates.
        if (field.DeclaringType!.IsDefined(typeof(CompilerGeneratedAttribute)) && field.Name.StartsWith('<')
            && (field.FieldType == field.DeclaringType || typeof(Delegate).IsAssignableFrom(field.FieldType)))
            return true;
        return field.IsInitOnly && IsImmutable(field.FieldType, []);
    }

    private static bool IsRule(Type type) =>
        !type.IsInterface && type.GetInterfaces().Any(i => i.Name is "IPolicyRule" or "IAccountRule" or "IDriftRule" or "IOrganizationRule");

    /// <summary>
    /// Immutable by type: strings, primitives and enums; <see cref="RuleDescriptor"/>; <see cref="ImmutableArray{T}"/>,
    /// <see cref="FrozenSet{T}"/>, <see cref="FrozenDictionary{TKey, TValue}"/>, <see cref="Lazy{T}"/> and nullables of
    /// immutable types; the rule interfaces (every rule object is checked above); and a sealed type of the rules
    /// whose fields are all readonly and immutable (a record of strings, an enum and such).
    /// </summary>
    private static bool IsImmutable(Type type, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(RuleDescriptor))
            return true;
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            return (definition == typeof(ImmutableArray<>) || definition == typeof(FrozenSet<>) || definition == typeof(FrozenDictionary<,>)
                    || definition == typeof(Lazy<>) || definition == typeof(Nullable<>))
                && type.GetGenericArguments().All(a => IsImmutable(a, seen));
        }
        if (type.IsInterface)
            return type.Name is "IPolicyRule" or "IAccountRule" or "IDriftRule" or "IOrganizationRule";
        if (!RuleTypes().Contains(type) || !(type.IsSealed || type.IsValueType))
            return false;
        if (!seen.Add(type))
            return true;
        return type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).All(f => f.IsInitOnly && IsImmutable(f.FieldType, seen));
    }

    private static string Describe(FieldInfo field) =>
        $"{(field.IsInitOnly ? "readonly " : "")}{field.FieldType}";
}
