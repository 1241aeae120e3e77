package io.complaintflow.security;

import java.util.Optional;

/**
 * Characters no person types into a complaint but attackers use: control characters, bidirectional overrides
 * that make text read differently than it is stored (Trojan Source), invisible zero-width characters, lone
 * surrogates and non-characters (U+FDD0–U+FDEF, U+xFFFE and U+xFFFF in every plane). HTML and script are NOT refused here: they are kept as text and escaped
 * wherever shown.
 */
public final class UnsafeText {

    private UnsafeText() {
    }

    /** Why the text is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (isNonCharacter(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return Optional.of("含有无效的 Unicode 字符（非字符码位）");
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of("含有无效的 Unicode 字符");
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return Optional.of("含有控制字符");
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F') {
                return Optional.of("含有改变文字方向的隐藏字符");
            }
            if ((c >= '\u200B' && c <= '\u200D') || c == '\uFEFF' || c == '\u2060') {
                return Optional.of("含有不可见字符");
            }
            if (isNonCharacter(c)) {
                return Optional.of("含有无效的 Unicode 字符（非字符码位）");
            }
        }
        return Optional.empty();
    }

    /** The 66 code points Unicode reserves as never-characters: U+FDD0–U+FDEF and the last two of every plane. */
    static boolean isNonCharacter(int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
