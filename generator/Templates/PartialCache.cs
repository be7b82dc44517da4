using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Express.Site.Templates;

/// <summary>
/// Keeps what a partial rendered, for the next page that includes it with the same inputs: the footer, the consent
/// banner and the tags are the same on every page of a language, and were a third of the layouts' time. A partial is
/// kept only when its syntax says its output depends on nothing but the members of <c>page</c> it reads and the shared
/// variables (<see cref="PartialReads"/>), which are read-only (<see cref="ScriptValues.Freeze"/>); when no other
/// layout or partial mentions a variable it sets (so skipping its assignments changes nothing); and when, at the
/// include, every shared variable it reads is still the shared one. One cache serves one run of the layouts, over one
/// model: for layouts only, since a page body could read what a partial sets.
/// </summary>
public sealed class PartialCache
{
    private const int MaxPerPartial = 256; // a partial that differs on every page (one that reads page.url) stops being kept

    private readonly TemplateLibrary _library;
    private readonly ScriptObject _globals;
    private readonly ConcurrentDictionary<string, Plan?> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Key, Rendered> _rendered = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lazy<LayoutRenders> _layoutRenders;
    private readonly IReadOnlySet<string> _shared;

    /// <param name="globals">the model's globals, which every page shares (as it shares Scriban's builtins).</param>
    public PartialCache(TemplateLibrary library, ScriptObject globals)
    {
        _library = library;
        _globals = globals;
        _shared = globals.Keys.Concat(PartialReads.Builtins).ToHashSet(StringComparer.Ordinal);
        _layoutRenders = new(() => LayoutRenders.Of(library));
    }

    private int _hits;

    /// <summary>How many includes were answered with a kept render.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Whether renders of this partial can be kept (for the ones that read nothing that differs by page but the page's members).</summary>
    public bool Keeps(string partial) => PlanFor(partial) is not null;

    /// <summary>Why renders of a partial are not kept, by partial name.</summary>
    public IReadOnlyDictionary<string, string> NotKept => _notKept;

    private readonly ConcurrentDictionary<string, string> _notKept = new(StringComparer.Ordinal);

    private Plan? Refused(string partial, string why)
    {
        _notKept[partial] = why;
        return null;
    }

    /// <summary>Replaces Scriban's include in <paramref name="context"/> with one that keeps renders in this cache.</summary>
    public void InstallIn(TemplateContext context)
    {
        var include = (IScriptCustomFunction)context.BuiltinObject["include"]!;
        context.BuiltinObject.SetValue("include", new CachedInclude(this, include), readOnly: true);
    }

    /// <summary>How to key a partial's renders: the shared variables it reads (with their values in the model; a
    /// builtin's is the context's own), and the members of page it reads.</summary>
    private sealed record Plan(TemplateSource Partial, ScriptVariableGlobal[] Shared, object?[] Expected, bool[] IsBuiltin, string[] PageMembers);

    private sealed record Rendered(string Output, TemplateDependencies Used);

    private readonly record struct Key(string Partial, Values Values);

    /// <summary>The values a render depended on: equal when each is equal (objects, which are read-only, by reference).</summary>
    private sealed class Values(object?[] items) : IEquatable<Values>
    {
        private readonly object?[] _items = items;

        public bool Equals(Values? other)
        {
            if (other is null || other._items.Length != _items.Length) return false;
            for (var i = 0; i < _items.Length; i++)
                if (!Same(_items[i], other._items[i])) return false;
            return true;
        }

        /// <summary>Whether a template sees the two values as the same: objects and arrays by reference (they are
        /// read-only), values of the same type by what they print as (a date's kind, a double's -0 and NaN count).</summary>
        private static bool Same(object? a, object? b) => (a, b) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            _ when a.GetType() != b.GetType() => false,
            (DateTime x, DateTime y) => x.ToBinary() == y.ToBinary(),
            (DateTimeOffset x, DateTimeOffset y) => x.Ticks == y.Ticks && x.Offset == y.Offset,
            (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
            (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
            (decimal x, decimal y) => decimal.GetBits(x).AsSpan().SequenceEqual(decimal.GetBits(y)), // 1.0 prints unlike 1.00
            (string or bool or int or long or System.Numerics.BigInteger, _) => a.Equals(b),
            _ => ReferenceEquals(a, b),
        };

        public override bool Equals(object? obj) => Equals(obj as Values);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var item in _items)
                hash.Add(item switch
                {
                    null => 0,
                    string or bool or int or long or decimal or System.Numerics.BigInteger or DateTime or DateTimeOffset or double or float => item.GetHashCode(),
                    _ => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(item),
                });
            return hash.ToHashCode();
        }
    }

    private Plan? PlanFor(string name) => _plans.GetOrAdd(name, n =>
    {
        if (_library.Partial(n) is not { } partial) return null;
        if (PartialReads.Of(partial, _library, _shared, out var why) is not { } reads) return Refused(n, why!);
        // What it sets stays set for the template that included it: no other template may mention those names, or
        // read variables by name at run time. Its own partials count as its own only if nothing else includes them.
        var renders = _layoutRenders.Value;
        if (reads.Assigned.Count > 0)
        {
            if (renders.ReadByName is { } reader) return Refused(n, $"sets variables, and {reader.Name} can read them by name (this, with, object.eval)");
            var own = reads.Partials.Where(q => ReferenceEquals(q, partial) || renders.IncludedOnlyBy(q, reads.Partials)).ToHashSet(ReferenceEqualityComparer.Instance);
            var others = renders.Names.Where(t => !own.Contains(t.Key)).SelectMany(t => t.Value).ToHashSet(StringComparer.Ordinal);
            if (reads.Assigned.FirstOrDefault(others.Contains) is { } seen) return Refused(n, $"sets {seen}, which another template mentions");
        }
        // A date prints in date.format, looked up by name whenever a date is written: always checked.
        var names = reads.Shared.Append("date").Distinct().ToArray();
        var isBuiltin = names.Select(s => !_globals.ContainsKey(s)).ToArray();
        return new Plan(partial, [.. names.Select(s => new ScriptVariableGlobal(s))],
            [.. names.Select((s, i) => isBuiltin[i] ? null : _globals[s])], isBuiltin, [.. reads.PageMembers]);
    });

    /// <summary>
    /// The templates that can run in a render of a layout: the layouts and the partials they include, and those
    /// partials include; every partial, when one of them includes a partial by a computed name. (A partial the build
    /// renders on its own, as the privacy center, sees nothing another one sets.) With the names each mentions, who
    /// includes whom, and the first that reads variables by name at run time.
    /// </summary>
    private sealed record LayoutRenders(Dictionary<TemplateSource, HashSet<string>> Names, Dictionary<TemplateSource, List<TemplateSource>>? Includers, TemplateSource? ReadByName)
    {
        public static LayoutRenders Of(TemplateLibrary library)
        {
            var reached = new HashSet<TemplateSource>(library.LayoutNames.Select(n => library.Layout(n)!), ReferenceEqualityComparer.Instance);
            var includers = new Dictionary<TemplateSource, List<TemplateSource>>(ReferenceEqualityComparer.Instance);
            var pending = new Queue<TemplateSource>(reached);
            var computed = false;
            while (!computed && pending.TryDequeue(out var template))
            {
                if (PartialReads.IncludedBy(template) is not { } names)
                {
                    computed = true;
                    break;
                }
                foreach (var name in names)
                {
                    if (library.Partial(name) is not { } partial) continue;
                    if (!includers.TryGetValue(partial, out var list)) includers[partial] = list = [];
                    list.Add(template);
                    if (reached.Add(partial)) pending.Enqueue(partial);
                }
            }
            var all = computed ? library.All.ToList() : [.. reached];
            var mentioned = new Dictionary<TemplateSource, HashSet<string>>(ReferenceEqualityComparer.Instance);
            foreach (var template in all) mentioned[template] = PartialReads.NamesIn(template).ToHashSet(StringComparer.Ordinal);
            return new LayoutRenders(mentioned, computed ? null : includers, all.FirstOrDefault(PartialReads.ReadsVariablesByName));
        }

        /// <summary>Whether every template that includes <paramref name="partial"/> is one of <paramref name="templates"/>
        /// (never, when some template includes partials by computed names).</summary>
        public bool IncludedOnlyBy(TemplateSource partial, IReadOnlySet<TemplateSource> templates) =>
            Includers is not null && Includers.TryGetValue(partial, out var by) && by.All(templates.Contains);
    }

    /// <summary>The key of this include in this context; null when a shared variable it reads has been hidden, or page is not a page.</summary>
    private static Key? KeyOf(Plan plan, TemplateContext context)
    {
        for (var i = 0; i < plan.Shared.Length; i++)
        {
            var expected = plan.IsBuiltin[i] ? context.BuiltinObject[plan.Shared[i].Name] : plan.Expected[i];
            if (!ReferenceEquals(context.GetValue(plan.Shared[i]), expected)) return null;
        }
        if (plan.PageMembers.Length == 0) return new Key(plan.Partial.Name, new Values([]));
        // A read-only page whose members are read-only values (a layout may have set page to an object of its own).
        if (context.GetValue(PageVariable) is not ScriptObject { IsReadOnly: true } page) return null;
        var values = new object?[plan.PageMembers.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = page.TryGetValue(plan.PageMembers[i], out var value) ? value : Missing;
            if (value is ScriptObject { IsReadOnly: false } or ScriptArray { IsReadOnly: false } or IScriptCustomFunction or Delegate) return null;
        }
        return new Key(plan.Partial.Name, new Values(values));
    }

    private static readonly ScriptVariableGlobal PageVariable = new("page");
    private static readonly object Missing = new();

    /// <summary>Scriban's include, keeping the renders of partials that can be kept.</summary>
    private sealed class CachedInclude(PartialCache cache, IScriptCustomFunction include) : IScriptCustomFunction
    {
        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        {
            if (arguments.Count != 1 || arguments[0] is not string name || callerContext is not ScriptFunctionCall { Arguments.Count: 1 }
                || cache.PlanFor(name) is not { } plan || KeyOf(plan, context) is not { } key)
                return include.Invoke(context, callerContext, arguments, blockStatement);
            if (cache._rendered.TryGetValue(key, out var kept))
            {
                TemplateDependencies.Replay(kept.Used);
                Interlocked.Increment(ref cache._hits);
                return kept.Output;
            }
            if (cache._counts.AddOrUpdate(name, 1, (_, n) => n + 1) > MaxPerPartial)
                return include.Invoke(context, callerContext, arguments, blockStatement); // full: render as Scriban would
            var (output, used) = TemplateDependencies.Record(null, () => include.Invoke(context, callerContext, arguments, blockStatement));
            if (output is string text) cache._rendered.TryAdd(key, new Rendered(text, used));
            return output;
        }

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

        public int RequiredParameterCount => include.RequiredParameterCount;
        public int ParameterCount => include.ParameterCount;
        public ScriptVarParamKind VarParamKind => include.VarParamKind;
        public Type ReturnType => include.ReturnType;
        public ScriptParameterInfo GetParameterInfo(int index) => include.GetParameterInfo(index);
    }
}
