import Foundation
import SERCells
import SERCorpus
import Testing

/// A clip as the corpus documentation describes it: path, emotion, speaker, gender.
struct ClipRow: Equatable, CustomStringConvertible {
    let path: String
    let emotion: String
    let speaker: String
    let gender: String

    init(_ path: String, _ emotion: String, _ speaker: String, _ gender: String) {
        self.path = path
        self.emotion = emotion
        self.speaker = speaker
        self.gender = gender
    }

    var description: String { "\(path),\(emotion),\(speaker),\(gender)" }
}

extension Corpus {
    var rows: [ClipRow] { clips.map { ClipRow($0.path, $0.emotion, $0.speaker, $0.gender) } }
    var rejectedReasons: [String: String] {
        Dictionary(uniqueKeysWithValues: rejected.map { ($0.path, $0.reason) })
    }
}

/// Each corpus layout read from a tiny tree with the corpus's real naming, every label, speaker and
/// gender checked against what the corpus's documentation says the name means.
@Suite("Corpus adapters: labels, speakers and gender from real naming")
struct CorpusAdapterTests {
    @Test("RAVDESS: MM-VV-EE-II-SS-RR-AA, audio-only speech kept, song and video-derived left out with a note")
    func ravdess() throws {
        let tree = try CorpusTree(
            [
                "Actor_01/03-01-05-02-01-01-01.wav",  // audio-only speech, angry, strong, actor 1 (odd: male)
                "Actor_02/03-01-02-01-02-02-02.wav",  // calm, actor 2 (even: female)
                "Actor_24/03-01-08-02-02-01-24.wav",  // surprised
                "Actor_01/03-02-03-01-01-01-01.wav",  // song
                "Actor_01/01-01-04-01-01-01-01.wav",  // full-AV, audio extracted from the video
                "Actor_02/02-01-06-01-01-01-02.wav",  // video-only
                "Actor_01/03-01-09-01-01-01-01.wav",  // emotion 09 does not exist
                "Actor_01/take 2.wav",
            ], name: "RAVDESS")
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.name == "ravdess")
        #expect(corpus.adapter == "ravdess")
        #expect(
            corpus.rows == [
                ClipRow("Actor_01/03-01-05-02-01-01-01.wav", "angry", "Actor_01", "male"),
                ClipRow("Actor_02/03-01-02-01-02-02-02.wav", "calm", "Actor_02", "female"),
                ClipRow("Actor_24/03-01-08-02-02-01-24.wav", "surprised", "Actor_24", "female"),
            ])
        #expect(corpus.clips.allSatisfy { $0.location == tree.url($0.path).path })
        #expect(
            corpus.notes.first
                == "ravdess: 7 of 8 audio files are named like MM-VV-EE-II-SS-RR-AA.wav (RAVDESS)")
        let excluded = try #require(corpus.notes.first { $0.contains("left out on purpose") })
        #expect(excluded.hasPrefix("ravdess: 3 of 8 audio files left out on purpose"))
        #expect(excluded.contains("1 song (vocal channel 02"))
        #expect(excluded.contains("1 video-derived (modality 01"))
        #expect(excluded.contains("1 video-derived (modality 02"))
        #expect(
            corpus.rejectedReasons == [
                "Actor_01/03-01-09-01-01-01-01.wav": "unlabelled: emotion 09 is not one of RAVDESS's 01–08",
                "Actor_01/take 2.wav":
                    "unlabelled: name does not follow MM-VV-EE-II-SS-RR-AA.wav (RAVDESS)",
            ])
    }

    @Test("RAVDESS: every emotion code and actor parity as the corpus documents them")
    func ravdessCodes() throws {
        let names = (1...8).map { "Actor_\(String(format: "%02d", $0 + 10))/03-01-0\($0)-01-01-01-\($0 + 10).wav" }
        let tree = try CorpusTree(names)
        let corpus = try Corpus.open(tree.path, layout: .ravdess)
        #expect(
            corpus.clips.map(\.emotion)
                == ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"])
        #expect(corpus.clips.map(\.gender) == (11...18).map { $0 % 2 == 1 ? "male" : "female" })
        #expect(corpus.notes.first?.hasPrefix("ravdess: set by corpus: ravdess; 8 of 8 audio files") == true)
    }

    @Test("TESS: OAF/YAF names, ps for pleasant surprise, folder spellings, the OA_ typo, the Kaggle nesting")
    func tess() throws {
        let top = "TESS Toronto emotional speech set data"
        let tree = try CorpusTree(
            [
                "\(top)/OAF_angry/OAF_back_angry.wav",
                "\(top)/OAF_Fear/OAF_dog_fear.wav",
                "\(top)/OAF_Pleasant_surprise/OAF_bar_ps.wav",
                "\(top)/OAF_neutral/OA_bite_neutral.wav",
                "\(top)/OAF_Sad/OAF_youth_sad.wav",
                "\(top)/YAF_disgust/YAF_back_disgust.wav",
                "\(top)/YAF_happy/YAF_germ_happy.wav",
                "\(top)/YAF_pleasant_surprised/YAF_bar_ps.wav",
                "\(top)/YAF_sad/YAF_dog_bored.wav",
            ])
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.adapter == "tess")
        #expect(
            corpus.rows == [
                ClipRow("\(top)/OAF_Fear/OAF_dog_fear.wav", "fear", "OAF", "female"),
                ClipRow("\(top)/OAF_Pleasant_surprise/OAF_bar_ps.wav", "pleasant_surprise", "OAF", "female"),
                ClipRow("\(top)/OAF_Sad/OAF_youth_sad.wav", "sadness", "OAF", "female"),
                ClipRow("\(top)/OAF_angry/OAF_back_angry.wav", "anger", "OAF", "female"),
                ClipRow("\(top)/OAF_neutral/OA_bite_neutral.wav", "neutral", "OAF", "female"),
                ClipRow("\(top)/YAF_disgust/YAF_back_disgust.wav", "disgust", "YAF", "female"),
                ClipRow("\(top)/YAF_happy/YAF_germ_happy.wav", "happiness", "YAF", "female"),
                ClipRow("\(top)/YAF_pleasant_surprised/YAF_bar_ps.wav", "pleasant_surprise", "YAF", "female"),
            ])
        #expect(
            corpus.notes.first
                == "tess: 9 of 9 audio files are named like OAF_word_emotion.wav or YAF_word_emotion.wav (TESS)")
        #expect(corpus.rejectedReasons["\(top)/YAF_sad/YAF_dog_bored.wav"]?.contains("emotion 'bored'") == true)
    }

    @Test("SAVEE: DC_a01.wav and DC/a01.wav, four male speakers, a d f h n sa su")
    func savee() throws {
        let tree = try CorpusTree(
            [
                "ALL/DC_a01.wav", "ALL/JE_d02.wav", "ALL/JK_f03.wav", "ALL/KL_h04.wav", "ALL/DC_n30.wav",
                "ALL/JE_sa15.wav", "ALL/KL_su09.wav", "AudioData/JK/sa01.wav", "AudioData/KL/n22.wav",
                "ALL/DC_x01.wav",
            ])
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.adapter == "savee")
        #expect(
            corpus.rows == [
                ClipRow("ALL/DC_a01.wav", "anger", "DC", "male"),
                ClipRow("ALL/DC_n30.wav", "neutral", "DC", "male"),
                ClipRow("ALL/JE_d02.wav", "disgust", "JE", "male"),
                ClipRow("ALL/JE_sa15.wav", "sadness", "JE", "male"),
                ClipRow("ALL/JK_f03.wav", "fear", "JK", "male"),
                ClipRow("ALL/KL_h04.wav", "happiness", "KL", "male"),
                ClipRow("ALL/KL_su09.wav", "surprise", "KL", "male"),
                ClipRow("AudioData/JK/sa01.wav", "sadness", "JK", "male"),
                ClipRow("AudioData/KL/n22.wav", "neutral", "KL", "male"),
            ])
        #expect(corpus.rejectedReasons["ALL/DC_x01.wav"]?.contains("emotion code 'x'") == true)
    }

    @Test("EmoDB: SSTTTEV, German emotion initials, gender from the speaker list")
    func emodb() throws {
        let tree = try CorpusTree(
            [
                "wav/03a01Fa.wav", "wav/08b02Wb.wav", "wav/09a02Na.wav", "wav/10b03Tc.wav", "wav/11b10Ea.wav",
                "wav/12a05Ab.wav", "wav/13a07Ld.wav", "wav/14b09Tc.wav", "wav/15a04Wa.wav", "wav/16b01Fb.wav",
                "wav/05a01Wa.wav",
            ], name: "EmoDB")
        try tree.addText("LABELS.csv", "path,emotion,speaker,gender\n")
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.adapter == "emodb")
        #expect(
            corpus.rows == [
                ClipRow("wav/03a01Fa.wav", "happiness", "03", "male"),
                ClipRow("wav/08b02Wb.wav", "anger", "08", "female"),
                ClipRow("wav/09a02Na.wav", "neutral", "09", "female"),
                ClipRow("wav/10b03Tc.wav", "sadness", "10", "male"),
                ClipRow("wav/11b10Ea.wav", "disgust", "11", "male"),
                ClipRow("wav/12a05Ab.wav", "fear", "12", "male"),
                ClipRow("wav/13a07Ld.wav", "boredom", "13", "female"),
                ClipRow("wav/14b09Tc.wav", "sadness", "14", "female"),
                ClipRow("wav/15a04Wa.wav", "anger", "15", "male"),
                ClipRow("wav/16b01Fb.wav", "happiness", "16", "female"),
            ])
        #expect(corpus.rejectedReasons["wav/05a01Wa.wav"]?.contains("speaker 05 is not one of EmoDB's") == true)
    }

    @Test("CREMA-D: ActorID_Sentence_Emotion_Level, gender from VideoDemographics.csv, MP3 copies left out")
    func cremad() throws {
        let tree = try CorpusTree(
            [
                "AudioWAV/1001_DFA_ANG_XX.wav", "AudioWAV/1001_IEO_HAP_HI.wav", "AudioWAV/1002_TIE_SAD_LO.wav",
                "AudioWAV/1002_IOM_NEU_XX.wav", "AudioWAV/1091_MTI_FEA_MD.wav", "AudioWAV/1091_WSI_DIS_XX.wav",
                "AudioWAV/1003_ITS_ANG_XX.wav", "AudioMP3/1001_DFA_ANG_XX.mp3",
            ])
        try tree.addText(
            "VideoDemographics.csv",
            """
            ActorID,Age,Sex,Race,Ethnicity
            1001,51,Male,Caucasian,Not Hispanic
            1002,21,Female,Caucasian,Not Hispanic
            1091,29,Female,Asian,Not Hispanic

            """)
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.adapter == "cremad")
        #expect(
            corpus.rows == [
                ClipRow("AudioWAV/1001_DFA_ANG_XX.wav", "anger", "1001", "male"),
                ClipRow("AudioWAV/1001_IEO_HAP_HI.wav", "happiness", "1001", "male"),
                ClipRow("AudioWAV/1002_IOM_NEU_XX.wav", "neutral", "1002", "female"),
                ClipRow("AudioWAV/1002_TIE_SAD_LO.wav", "sadness", "1002", "female"),
                ClipRow("AudioWAV/1003_ITS_ANG_XX.wav", "anger", "1003", ""),
                ClipRow("AudioWAV/1091_MTI_FEA_MD.wav", "fear", "1091", "female"),
                ClipRow("AudioWAV/1091_WSI_DIS_XX.wav", "disgust", "1091", "female"),
            ])
        #expect(corpus.notes.contains("cremad: gender from VideoDemographics.csv (3 actors)"))
        #expect(
            corpus.notes.contains { $0.contains("1 actors are not in VideoDemographics.csv") && $0.hasSuffix("1003") })
        #expect(corpus.notes.contains { $0.hasPrefix("cremad: 1 of 8 audio files left out on purpose: 1 MP3 copies") })
    }

    @Test("CREMA-D: opened at AudioWAV/, demographics found beside it; without them gender is empty and a note says so")
    func cremadDemographics() throws {
        let tree = try CorpusTree(["AudioWAV/1001_DFA_ANG_XX.wav", "AudioWAV/1002_DFA_SAD_XX.wav"])
        let bare = try Corpus.open(tree.url("AudioWAV").path)
        #expect(bare.rows.map(\.gender) == ["", ""])
        #expect(bare.notes.contains { $0.hasPrefix("cremad: no VideoDemographics.csv") && $0.contains("left empty") })

        try tree.addText("VideoDemographics.csv", "ActorID,Age,Sex,Race,Ethnicity\n1001,51,Male,,\n1002,21,Female,,\n")
        let beside = try Corpus.open(tree.url("AudioWAV").path)
        #expect(beside.rows.map(\.gender) == ["male", "female"])
        #expect(beside.name == "audiowav")
    }

    @Test("folders: one folder per emotion, the folder name is the label, no speaker")
    func folders() throws {
        let tree = try CorpusTree(["angry/a.wav", "angry/b.flac", "Happy/c.wav", "neutral/d.wav", "stray.wav"])
        let corpus = try Corpus.open(tree.path)
        #expect(corpus.adapter == "folders")
        #expect(
            corpus.rows == [
                ClipRow("Happy/c.wav", "Happy", "", ""),
                ClipRow("angry/a.wav", "angry", "", ""),
                ClipRow("angry/b.flac", "angry", "", ""),
                ClipRow("neutral/d.wav", "neutral", "", ""),
            ])
        #expect(
            corpus.notes.first
                == "folders: 4 of 5 audio files sit directly in one of 3 folders, read as emotions: Happy, angry, neutral"
        )
        #expect(corpus.rejectedReasons["stray.wav"]?.hasPrefix("unlabelled: name does not follow") == true)
    }

    @Test("csv: a folder with manifest.csv, or a CSV file, as before")
    func csv() throws {
        let tree = try CorpusTree(["clips/a.wav", "clips/b.wav"], name: "Mine")
        try tree.addText(
            "manifest.csv", "path,emotion,speaker,gender\nclips/b.wav,sad,s2,female\nclips/a.wav,angry,s1,male\n")
        let folder = try Corpus.open(tree.path)
        #expect(folder.adapter == "csv")
        #expect(folder.name == "mine")
        #expect(
            folder.rows == [
                ClipRow("clips/a.wav", "angry", "s1", "male"), ClipRow("clips/b.wav", "sad", "s2", "female"),
            ])
        #expect(folder.notes.first == "csv: the clips are the rows of manifest.csv, a CSV manifest")

        try tree.addText("list.csv", "path,emotion\nclips/a.wav,calm\n,\nclips/b.wav,\n")
        let file = try Corpus.open(tree.url("list.csv").path)
        #expect(file.adapter == "csv")
        #expect(file.rows == [ClipRow("clips/a.wav", "calm", "", "")])
        #expect(file.rejectedReasons == ["clips/b.wav": "unlabelled (no emotion in list.csv line 4)"])
    }
}
