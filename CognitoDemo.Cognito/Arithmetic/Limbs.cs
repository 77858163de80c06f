using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CognitoDemo.Cognito.Arithmetic;

/// <summary>
/// Constant-time arithmetic on little-endian arrays of 64-bit limbs, the building blocks of
/// <see cref="MontgomeryModulus"/>. Every loop runs a number of times fixed by the limb count (public);
/// carries and selections are computed as data (the comparison results are turned into 0 or 1 with
/// <c>setcc</c>, masks are built arithmetically), never with a branch or an index that depends on the
/// values, so the time taken does not depend on secret operands.
/// </summary>
internal static class Limbs
{
    /// <summary>1 when <c>sum = x + addend</c> wrapped around, else 0 (as a value, not a branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Carry(ulong sum, ulong addend) => Unsafe.BitCast<bool, byte>(sum < addend);

    /// <summary>
    /// hi:lo = a·b + c + d. Never overflows: (2⁶⁴−1)² + 2·(2⁶⁴−1) = 2¹²⁸ − 1.
    /// <c>Math.BigMul</c> is the CPU's 64×64→128 multiply (<c>mulx</c>/<c>mul</c> on x64, <c>umulh</c> on Arm64).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyAdd(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        var product = Math.BigMul(a, b);
        var hi = (ulong)(product >> 64);
        var low = (ulong)product;
        low += c;
        hi += Carry(low, c);
        low += d;
        hi += Carry(low, d);
        lo = low;
        return hi;
    }

    /// <summary>t[0..count) += scalar·v[0..count), returning the carry out of the top limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyAccumulate(ref ulong t, ulong scalar, ref ulong v, int count)
    {
        ulong carry = 0;
        for (var j = 0; j < count; j++)
        {
            ref var tj = ref Unsafe.Add(ref t, j);
            carry = MultiplyAdd(scalar, Unsafe.Add(ref v, j), tj, carry, out tj);
        }

        return carry;
    }

    /// <summary>All ones when <paramref name="x"/> equals <paramref name="y"/>, else zero, without a comparison.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EqualMask(ulong x, ulong y)
    {
        var difference = x ^ y;
        // The top bit of (d | −d) is set exactly when d ≠ 0.
        return ((difference | (0 - difference)) >> 63) - 1;
    }

    /// <summary>
    /// result = t − n when the (s+1)-limb value top:t is at least n, else t; t &lt; 2n is required.
    /// Both results are computed and one is selected with a mask.
    /// </summary>
    public static void SubtractIfAtLeast(Span<ulong> result, ReadOnlySpan<ulong> t, ulong top, ReadOnlySpan<ulong> n)
    {
        var s = n.Length;
        Span<ulong> difference = stackalloc ulong[s];
        ulong borrow = 0;
        for (var j = 0; j < s; j++)
        {
            var x = t[j];
            var d1 = x - n[j];
            ulong under = Unsafe.BitCast<bool, byte>(x < n[j]);
            under |= Unsafe.BitCast<bool, byte>(d1 < borrow);
            difference[j] = d1 - borrow;
            borrow = under;
        }

        // top:t − n is negative exactly when the subtraction borrowed out of a zero top limb.
        var keep = 0 - (borrow & ~top & 1);
        for (var j = 0; j < s; j++)
        {
            result[j] = (t[j] & keep) | (difference[j] & ~keep);
        }
    }

    /// <summary>result = the table row at <paramref name="index"/>, reading every row (no secret-dependent address).</summary>
    public static void Select(Span<ulong> result, ReadOnlySpan<ulong> table, int rows, ulong index)
    {
        var s = result.Length;
        result.Clear();
        // Whole vectors of limbs where the CPU has them (the comb's table is 256 rows), then limb by limb.
        var wide = Vector512.IsHardwareAccelerated ? s - (s % Vector512<ulong>.Count) : 0;
        var narrow = Vector256.IsHardwareAccelerated ? s - (s % Vector256<ulong>.Count) : 0;
        ref var r = ref MemoryMarshal.GetReference(result);
        for (var i = 0; i < rows; i++)
        {
            var mask = EqualMask((ulong)i, index);
            ref var row = ref MemoryMarshal.GetReference(table.Slice(i * s, s));
            var j = 0;
            for (; j < wide; j += Vector512<ulong>.Count)
            {
                var selected = Vector512.LoadUnsafe(ref row, (nuint)j) & Vector512.Create(mask);
                (Vector512.LoadUnsafe(ref r, (nuint)j) | selected).StoreUnsafe(ref r, (nuint)j);
            }

            for (; j < narrow; j += Vector256<ulong>.Count)
            {
                var selected = Vector256.LoadUnsafe(ref row, (nuint)j) & Vector256.Create(mask);
                (Vector256.LoadUnsafe(ref r, (nuint)j) | selected).StoreUnsafe(ref r, (nuint)j);
            }

            for (; j < s; j++)
            {
                Unsafe.Add(ref r, j) |= Unsafe.Add(ref row, j) & mask;
            }
        }
    }
}
