package io.complaintflow.assist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Splits complaint text into words with Lucene's smartcn analyzer (a hidden-Markov-model segmenter with its own
 * dictionary, so "快递员" and "退款" come out as words, not as single characters). Thread-safe.
 */
public final class TextTokenizer {

    private static final TextTokenizer INSTANCE = new TextTokenizer();

    private final Analyzer analyzer = new SmartChineseAnalyzer(true);

    public static TextTokenizer get() {
        return INSTANCE;
    }

    public List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return tokens;
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String t = term.toString();
                if (!t.isBlank()) {
                    tokens.add(t);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
