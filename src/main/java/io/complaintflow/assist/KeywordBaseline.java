package io.complaintflow.assist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suggestion before enough closed complaints exist: a category from hand-picked words, the department the
 * routing table leads with for that category, and a grade from the sensitive-word topic. Deliberately modest
 * confidences, so it is rarely mistaken for a trained model.
 */
final class KeywordBaseline {

    private static final Map<String, List<String>> WORDS = new LinkedHashMap<>();
    static final Map<String, String> LEAD_DEPARTMENT = Map.of(
            "product-quality", "quality", "after-sales", "after-sales", "billing", "billing",
            "delivery", "logistics", "service-attitude", "after-sales", "contract", "legal",
            "marketing", "sales", "privacy", "tech", "safety", "quality", "other", "after-sales");

    static {
        WORDS.put("safety", List.of("起火", "冒烟", "爆炸", "漏电", "触电", "烫伤", "受伤", "中毒", "过敏", "自燃", "安全隐患"));
        WORDS.put("privacy", List.of("个人信息", "隐私", "泄露", "骚扰电话", "推销电话", "身份证", "通讯录", "授权"));
        WORDS.put("billing", List.of("扣费", "扣款", "账单", "多收", "收费", "话费", "发票", "退款", "重复扣", "费用"));
        WORDS.put("delivery", List.of("快递", "物流", "配送", "送货", "包裹", "签收", "发货", "派送", "运单"));
        WORDS.put("contract", List.of("合同", "违约", "条款", "解约", "违约金", "协议", "定金"));
        WORDS.put("marketing", List.of("宣传", "广告", "虚假", "促销", "优惠券", "活动", "赠品", "诱导"));
        WORDS.put("service-attitude", List.of("态度", "客服", "不耐烦", "辱骂", "挂电话", "推诿", "敷衍", "店员"));
        WORDS.put("after-sales", List.of("维修", "保修", "换货", "退货", "售后", "返修", "上门", "三包"));
        WORDS.put("product-quality", List.of("质量", "故障", "坏了", "破损", "开裂", "失灵", "异响", "死机", "不工作"));
    }

    private KeywordBaseline() {
    }

    /** One "kw:category" feature per keyword found, for the model to weigh against what it learnt. */
    static List<String> hits(String text) {
        List<String> hits = new java.util.ArrayList<>();
        String t = text == null ? "" : text;
        for (var e : WORDS.entrySet()) {
            for (String w : e.getValue()) {
                if (t.contains(w)) {
                    hits.add("kw:" + e.getKey());
                }
            }
        }
        return hits;
    }

    static Suggestion suggest(String text, String sensitiveTopic) {
        String t = text == null ? "" : text;
        String best = "other";
        int bestHits = 0;
        for (var e : WORDS.entrySet()) {
            int hits = 0;
            for (String w : e.getValue()) {
                if (t.contains(w)) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                best = e.getKey();
                bestHits = hits;
            }
        }
        double confidence = bestHits == 0 ? 0.2 : Math.min(0.4 + 0.1 * bestHits, 0.7);
        String grade = switch (sensitiveTopic == null ? SensitiveTopic.NONE : sensitiveTopic) {
            case SensitiveTopic.MEDIA, SensitiveTopic.LAWSUIT, SensitiveTopic.MASS -> "G4";
            case SensitiveTopic.REGULATOR, SensitiveTopic.SAFETY -> "G3";
            default -> "safety".equals(best) ? "G3" : "G1";
        };
        return new Suggestion(new Guess(best, confidence), new Guess(LEAD_DEPARTMENT.get(best), confidence),
                new Guess(grade, 0.5), Suggestion.KEYWORDS, 0, false);
    }
}
