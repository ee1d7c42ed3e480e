from khabar.clitics import Folder, stems


def test_clitics_peel_in_arabic_order():
    assert stems("والكرملين") == ("الكرملين", "كرملين")
    assert "البيت" in stems("وبالبيت") and "بيت" in stems("وبالبيت")
    assert "الامم" in stems("للامم")  # ل + الأمم is written للأمم
    assert "لقاء" in stems("للقاء")  # ل + لقاء


def test_nothing_is_peeled_after_the_article_or_before_a_conjunction():
    assert stems("الكافي") == ("كافي",)  # never ال + ك + افي
    assert "ريا" not in stems("كوريا")  # ك then و is not an Arabic sequence


def test_protected_words_and_short_remainders_stay():
    assert stems("وزير", protected={"وزير"}) == ()
    assert stems("ولم") == ()
    assert stems("ولم", function_words={"لم"}) == ("لم",)


def test_fold_takes_the_shortest_stem_that_is_a_word():
    vocabulary = {"الكرملين", "بوتين"}
    folder = Folder(vocabulary.__contains__, stems_of=stems)
    assert folder.fold("والكرملين") == "الكرملين"
    assert folder.fold("لبوتين") == "بوتين"
    assert folder.fold("وسيمون") == "وسيمون"
