#include "core/ingest/text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace crm {
namespace {

struct TextCase {
    std::string_view input;
    std::string_view expected;
};

TEST(TrimText, RemovesSpacesOfEveryKind) {
    const TextCase cases[] = {
        {"  abc  ", "abc"},
        {"\u00a0abc\u2009", "abc"},
        {"\ufeffName", "Name"},
        {"\u202f x \t\r\n", "x"},
        {"a b", "a b"},
        {"a\u00a0b", "a\u00a0b"},
        {"", ""},
        {"   ", ""},
        {"\u00a0", ""},
        {"\ufeff\u00a0 \u2009\u202f", ""},
        {"Привет ", "Привет"},
        {"\xa0", "\xa0"},  // a lone continuation byte is not a no-break space
    };
    for (const TextCase& c : cases) EXPECT_EQ(TrimText(c.input), c.expected) << "input [" << c.input << "]";
}

TEST(FoldCase, LowerCasesAsciiAndCyrillic) {
    const TextCase cases[] = {
        {"ABC def XYZ", "abc def xyz"},
        {"АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", "абвгдежзийклмнопрстуфхцчшщъыьэюя"},
        {"абвгдежзийклмнопрстуфхцчшщъыьэюя", "абвгдежзийклмнопрстуфхцчшщъыьэюя"},
        {"ПРИВЕТ Мир", "привет мир"},
        {"Ёлка ёж", "елка еж"},
        {"ЇЖАК Іван Єва Ґанок", "їжак іван єва ґанок"},
        {"їжак іван єва ґанок", "їжак іван єва ґанок"},
        {"Ў", "ў"},
        {"Straße €100 №5", "straße €100 №5"},
        {"123-!?", "123-!?"},
        {"", ""},
        {"\xd0", "\xd0"},  // a truncated sequence is copied unchanged
    };
    for (const TextCase& c : cases) {
        std::string out = "stale";
        FoldCase(c.input, out);
        EXPECT_EQ(out, c.expected) << "input [" << c.input << "]";
    }
}

TEST(NormalizeHeader, FoldsAndCollapsesSeparators) {
    const TextCase cases[] = {
        {"Дата оформления (МСК)", "дата оформления мск"},
        {"Customer_ID", "customer id"},
        {"  E-mail  ", "e mail"},
        {"ORDER   NUMBER", "order number"},
        {"№ заказа", "№ заказа"},
        {"Сумма, ₽", "сумма"},
        {"Стоимость,\u00a0руб.", "стоимость руб"},
        {"«Имя»", "имя"},
        {"Ёмкость", "емкость"},
        {"Відповідальний — менеджер", "відповідальний менеджер"},
        {"\ufeffClient", "client"},
        {"Lineitem price", "lineitem price"},
        {"customer.email", "customer email"},
        {"", ""},
        {"___", ""},
    };
    for (const TextCase& c : cases) EXPECT_EQ(NormalizeHeader(c.input), c.expected) << "input [" << c.input << "]";
}

TEST(IsValidUtf8, AcceptsValidAndRejectsMalformed) {
    const struct {
        std::string_view text;
        bool valid;
    } cases[] = {
        {"", true},
        {"hello world, a long ASCII line that takes the fast path", true},
        {"Привет, мир", true},
        {"€ ₽ ₴", true},
        {"\xf0\x9f\x98\x80", true},  // U+1F600
        {"\xf4\x8f\xbf\xbf", true},  // U+10FFFF
        {"12345678\xd0\x9f", true},
        {"\xed\x9f\xbf", true},  // U+D7FF, just below the surrogates
        {"\xc0\x80", false},      // overlong NUL
        {"\xc1\xbf", false},      // overlong
        {"\xe0\x80\x80", false},  // overlong
        {"\xe0\x9f\xbf", false},  // overlong
        {"\xf0\x80\x80\x80", false},
        {"\xed\xa0\x80", false},  // surrogate U+D800
        {"\xf4\x90\x80\x80", false},  // above U+10FFFF
        {"\xf5\x80\x80\x80", false},
        {"\xff", false},
        {"abc\x80", false},
        {"Привет\xd0", false},  // truncated
        {"1234567\xd0", false},
        {"0123456789abcdef\xe2\x82", false},
        {"0123456789abcdef\xd0\x41", false},  // bad continuation byte
        {"\xcf\x80\xcf\x80\xcf\x80\xcf\x80\xcf\x80", true},
    };
    for (const auto& c : cases) EXPECT_EQ(IsValidUtf8(c.text), c.valid) << "text [" << c.text << "]";
}

}  // namespace
}  // namespace crm
