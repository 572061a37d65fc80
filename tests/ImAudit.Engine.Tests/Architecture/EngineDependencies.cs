using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ImAudit.Engine.Tests.Architecture;

/// <summary>
/// Which of the engine's stages (its namespaces under <c>ImAudit.Engine</c>) each type uses, read from the compiled
/// assembly: base types, interfaces, fields, properties, method signatures, locals, every type, method and field an
/// instruction names, and the generic arguments in all of them. Compiler-generated types (lambdas, iterators, async
/// state machines) count for the type that declares them.
/// </summary>
internal static class EngineDependencies
{
    private const string Root = "ImAudit.Engine";

    /// <summary>Each (from type, to type) of the engine's own types, with the stage of each.</summary>
    public static IReadOnlyList<(string FromStage, string FromType, string ToStage, string ToType)> Edges()
    {
        var path = typeof(PolicyEngine).Assembly.Location;
        using var module = ModuleDefinition.ReadModule(path);
        var edges = new HashSet<(string, string, string, string)>();
        foreach (var type in module.GetTypes())
        {
            var owner = Outermost(type);
            if (Stage(owner.Namespace) is not { } from)
                continue;
            foreach (var used in Uses(type))
            {
                if (Stage(used.Namespace) is { } to && used.FullName != owner.FullName)
                    edges.Add((from, owner.FullName, to, used.FullName));
            }
        }
        return [.. edges.OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item3, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal)];
    }

    /// <summary>The stage of a namespace: its first segment under the engine's root, "" for the root itself.</summary>
    public static string? Stage(string ns) =>
        ns == Root ? "" : ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is { } declaring)
            type = declaring;
        return type;
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                        Add(argument);
                    return;
                case TypeSpecification spec:
                    Add(spec.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(t.DeclaringType is null ? t : OutermostReference(t));
                    return;
            }
        }
        void AddMethod(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters)
                Add(p.ParameterType);
            if (m is GenericInstanceMethod g)
            {
                foreach (var argument in g.GenericArguments)
                    Add(argument);
            }
        }
        Add(type.BaseType);
        foreach (var i in type.Interfaces)
            Add(i.InterfaceType);
        foreach (var f in type.Fields)
            Add(f.FieldType);
        foreach (var p in type.Properties)
            Add(p.PropertyType);
        foreach (var m in type.Methods)
        {
            AddMethod(m);
            if (!m.HasBody)
                continue;
            foreach (var v in m.Body.Variables)
                Add(v.VariableType);
            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference method:
                        AddMethod(method);
                        break;
                    case FieldReference field:
                        Add(field.DeclaringType);
                        Add(field.FieldType);
                        break;
                }
            }
        }
        return found;
    }

    private static TypeReference OutermostReference(TypeReference t)
    {
        while (t.DeclaringType is { } declaring)
            t = declaring;
        return t;
    }
}
