using System.Collections.Concurrent;
using System.Text.Json;

namespace CognitoDemo.LocalCognito.Storage;

/// <summary>
/// Parsed settings by their stored JSON text. Every sign-in and every access-token operation reads its
/// pool's settings (4–5 KB of JSON for a pool with its schema) and its client's, and parsing them costs
/// more than reading the row. The key is the text itself, so a change, by this instance or by another one
/// sharing the database, gives new text and a fresh parse at the next read: the cache can never answer
/// with stale settings. Only for immutable types (records of read-only lists): every reader shares the
/// instance; <paramref name="settle"/> completes anything a first read would build lazily (a
/// <c>JsonObject</c> parses its members on first access), so that threads only ever read a shared value.
/// Bounded: past <see cref="Capacity"/> entries it starts over.
/// </summary>
internal sealed class ParsedJsonCache<T>(JsonSerializerOptions options, Action<T>? settle = null)
    where T : class
{
    /// <summary>The most texts kept: far more pools and clients than a local emulator holds.</summary>
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, T> _parsed = new(StringComparer.Ordinal);

    /// <summary>The number of texts held now.</summary>
    public int Count => _parsed.Count;

    /// <summary>The value of <paramref name="json"/>, parsed once per distinct text.</summary>
    public T Parse(string json)
    {
        if (_parsed.TryGetValue(json, out var value))
        {
            return value;
        }

        value = JsonSerializer.Deserialize<T>(json, options)
                ?? throw new JsonException($"Stored settings of type {typeof(T).Name} are null.");
        settle?.Invoke(value);
        if (_parsed.Count >= Capacity)
        {
            _parsed.Clear();
        }

        return _parsed.GetOrAdd(json, value);
    }
}
