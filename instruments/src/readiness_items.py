#!/usr/bin/env python3
"""Source of instruments/readiness.toml: 8 work-readiness competencies, each
with 4 self-report items (one reverse keyed) and 2 situational-judgement
items scored 0-3. Written for this project.
Run `python3 instruments/src/readiness_items.py > instruments/readiness.toml`.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tomlgen import band, q, t  # noqa: E402


# (id, prefix, name_id, name_en, desc_id, desc_en, module_id, module_en,
#  likert [(id, en, reverse)], sjt [(stem_id, stem_en, [(opt_id, opt_en, score)])])
C = [
 ("komunikasi", "KOM", "Komunikasi", "Communication",
  "Bertanya, menjelaskan dan mendengarkan di tempat kerja.", "Asking, explaining and listening at work.",
  "Komunikasi di Tempat Kerja", "Communication at Work",
  [("Saya berani bertanya jika belum paham tugas.", "I ask when I do not yet understand a task.", False),
   ("Saya bisa menjelaskan sesuatu dengan kata-kata yang mudah dipahami.", "I can explain things in words that are easy to understand.", False),
   ("Saya mendengarkan sampai orang lain selesai berbicara.", "I listen until the other person has finished speaking.", False),
   ("Saya sulit menyampaikan pendapat kepada atasan.", "I find it hard to tell a supervisor what I think.", True)],
  [("Atasan memberi tugas dengan cepat dan Anda tidak menangkap semuanya. Apa yang Anda lakukan?", "Your supervisor gives you a task quickly and you do not catch all of it. What do you do?",
    [("Mengerjakan sebisanya tanpa bertanya", "Do what you can without asking", 0),
     ("Bertanya kepada teman nanti saja", "Ask a co-worker about it later", 1),
     ("Langsung meminta atasan mengulang bagian yang belum jelas", "Ask the supervisor straight away to repeat the unclear part", 3),
     ("Mencatat yang Anda ingat, lalu memastikannya kepada atasan nanti", "Write down what you remember and check it with the supervisor later", 2)]),
   ("Pesan WhatsApp dari pelanggan kurang jelas: \u201cYang kemarin kirim lagi ya.\u201d Apa yang Anda lakukan?", "A customer's WhatsApp message is unclear: \u201cSend the same as yesterday again.\u201d What do you do?",
    [("Membalas dengan sopan dan menanyakan barang serta jumlahnya", "Reply politely and ask which goods and how many", 3),
     ("Mengirim barang seperti kemarin tanpa bertanya", "Send the same goods as yesterday without asking", 1),
     ("Tidak membalas sampai pelanggan menjelaskan sendiri", "Do not reply until the customer explains", 0),
     ("Menelepon pelanggan nanti saat sempat", "Phone the customer later when you have time", 2)])]),
 ("kerja_sama", "KTS", "Kerja sama tim", "Teamwork",
  "Bekerja bersama orang lain untuk tujuan yang sama.", "Working with other people towards the same goal.",
  "Kerja Sama Tim", "Teamwork",
  [("Saya senang bekerja bersama orang lain dalam satu tim.", "I enjoy working with others in a team.", False),
   ("Saya mau membantu teman kerja yang tertinggal pekerjaannya.", "I am willing to help a co-worker who has fallen behind.", False),
   ("Saya bisa bekerja dengan orang yang berbeda pendapat dengan saya.", "I can work with people who disagree with me.", False),
   ("Saya lebih suka mengerjakan semuanya sendiri daripada berbagi tugas.", "I would rather do everything myself than share tasks.", True)],
  [("Di lini produksi garmen, teman di sebelah Anda bekerja lebih lambat sehingga barang menumpuk. Apa yang Anda lakukan?", "On a garment production line, the co-worker next to you is slower and work piles up. What do you do?",
    [("Menegur teman itu di depan semua orang", "Tell them off in front of everyone", 0),
     ("Menawarkan bantuan atau memberi tahu ketua regu dengan sopan", "Offer help, or tell the team leader politely", 3),
     ("Membiarkan saja karena itu bukan urusan Anda", "Leave it, because it is not your business", 1),
     ("Merapikan tumpukan agar tidak tercampur sambil terus bekerja", "Keep the pile tidy so nothing gets mixed up, and keep working", 2)]),
   ("Tim Anda harus memilih satu cara kerja, tetapi Anda tidak setuju dengan pilihan kebanyakan teman. Apa yang Anda lakukan?", "Your team must choose one way of working, but you disagree with what most of the others chose. What do you do?",
    [("Menyampaikan alasan Anda, lalu mengikuti keputusan tim", "Give your reasons, then go along with the team's decision", 3),
     ("Diam saja tetapi bekerja dengan cara sendiri", "Say nothing but work your own way", 0),
     ("Mengikuti keputusan tanpa berkata apa-apa", "Go along with the decision without saying anything", 2),
     ("Terus berdebat sampai teman-teman setuju dengan Anda", "Keep arguing until the others agree with you", 1)])]),
 ("kebiasaan_kerja", "KBS", "Kebiasaan kerja dan disiplin", "Work habits and reliability",
  "Datang tepat waktu, menyelesaikan tugas dan dapat diandalkan.", "Being on time, finishing tasks and being reliable.",
  "Disiplin dan Etos Kerja", "Discipline and Work Ethic",
  [("Saya datang tepat waktu ke tempat kerja atau tempat belajar.", "I arrive on time at work or where I study.", False),
   ("Saya menyelesaikan tugas sampai tuntas.", "I finish my tasks completely.", False),
   ("Saya memberi kabar lebih dulu jika tidak bisa masuk.", "I let people know in advance if I cannot come in.", False),
   ("Saya sering menunda pekerjaan sampai menit terakhir.", "I often put work off until the last minute.", True)],
  [("Anda bangun kesiangan dan akan terlambat 30 menit. Apa yang Anda lakukan?", "You oversleep and will be 30 minutes late. What do you do?",
    [("Tidak masuk kerja hari itu", "Stay away from work that day", 0),
     ("Berangkat tanpa memberi kabar", "Set off without telling anyone", 1),
     ("Meminta teman menyampaikan kepada atasan", "Ask a co-worker to tell your supervisor", 2),
     ("Segera mengabari atasan, lalu berangkat secepatnya", "Tell your supervisor at once, then leave as quickly as you can", 3)]),
   ("Pekerjaan Anda hari ini sudah selesai satu jam sebelum waktu pulang. Apa yang Anda lakukan?", "Your work for today is done an hour before the end of your shift. What do you do?",
    [("Pulang lebih awal tanpa izin", "Go home early without permission", 0),
     ("Bertanya kepada atasan apa lagi yang bisa dikerjakan", "Ask your supervisor what else you can do", 3),
     ("Bermain ponsel sampai jam pulang", "Play on your phone until it is time to go", 1),
     ("Merapikan tempat kerja Anda sendiri", "Tidy your own work area", 2)])]),
 ("pemecahan_masalah", "PMS", "Pemecahan masalah", "Problem solving",
  "Mencari penyebab masalah dan mencoba jalan keluar dengan tenang.", "Finding the cause of a problem and calmly trying ways to solve it.",
  "Pemecahan Masalah Sehari-hari", "Everyday Problem Solving",
  [("Jika ada masalah, saya mencari tahu dulu penyebabnya.", "When there is a problem, I first find out what caused it.", False),
   ("Saya mencoba cara lain jika cara pertama tidak berhasil.", "I try another way if the first way does not work.", False),
   ("Saya bisa tetap tenang saat ada masalah di tempat kerja.", "I can stay calm when something goes wrong at work.", False),
   ("Saya cepat menyerah jika tugas terasa sulit.", "I give up quickly when a task feels hard.", True)],
  [("Mesin pengemas tiba-tiba berhenti dan Anda tidak tahu sebabnya. Apa yang Anda lakukan?", "The packing machine suddenly stops and you do not know why. What do you do?",
    [("Membongkar mesin sendiri", "Take the machine apart yourself", 0),
     ("Menunggu sampai mesin jalan lagi", "Wait until the machine starts again", 1),
     ("Mematikan mesin dengan aman, lalu memanggil teknisi atau atasan", "Switch the machine off safely, then call the technician or supervisor", 3),
     ("Melihat apakah ada bahan yang macet, lalu melapor", "Look for jammed material, then report it", 2)]),
   ("Rak di toko kosong, padahal menurut sistem barangnya masih ada 10. Apa yang Anda lakukan?", "A shelf in the shop is empty, but the system says there are still 10 of the item. What do you do?",
    [("Mengubah angka di sistem menjadi nol tanpa memberi tahu siapa pun", "Change the system to zero without telling anyone", 0),
     ("Mengabaikannya", "Ignore it", 1),
     ("Bertanya kepada teman yang bertugas kemarin", "Ask the co-worker who was on duty yesterday", 2),
     ("Memeriksa gudang, mencatat selisihnya, lalu melapor kepada atasan", "Check the storeroom, note the difference, then report it to your supervisor", 3)])]),
 ("layanan_pelanggan", "LYN", "Layanan pelanggan", "Customer orientation",
  "Melayani pembeli dan pelanggan dengan ramah dan sabar.", "Serving shoppers and customers in a friendly, patient way.",
  "Layanan Pelanggan", "Customer Service",
  [("Saya menyapa pelanggan dengan ramah.", "I greet customers in a friendly way.", False),
   ("Saya sabar menghadapi pelanggan yang banyak bertanya.", "I stay patient with customers who ask many questions.", False),
   ("Saya berusaha agar pelanggan pulang dengan puas.", "I try to make sure customers leave satisfied.", False),
   ("Saya mudah kesal jika pelanggan mengeluh.", "I get annoyed easily when customers complain.", True)],
  [("Seorang pembeli marah karena antrean kasir panjang. Apa yang Anda lakukan?", "A shopper is angry because the checkout queue is long. What do you do?",
    [("Membalas marah supaya dia diam", "Get angry back so that they stop", 0),
     ("Meminta maaf, menjelaskan dengan tenang, dan melayani secepat mungkin", "Apologise, explain calmly and serve them as quickly as you can", 3),
     ("Pura-pura tidak mendengar", "Pretend not to hear", 1),
     ("Memanggil teman untuk membuka kasir lain", "Call a co-worker to open another till", 2)]),
   ("Pelanggan toko online menerima baju dengan ukuran yang salah. Apa yang Anda lakukan?", "An online-shop customer receives clothing in the wrong size. What do you do?",
    [("Meminta maaf dan menawarkan penukaran sesuai aturan toko", "Apologise and offer an exchange under the shop's rules", 3),
     ("Mengatakan bahwa itu kesalahan pelanggan", "Say that it is the customer's fault", 0),
     ("Meminta pelanggan menunggu tanpa kepastian", "Ask the customer to wait without saying for how long", 1),
     ("Meneruskan keluhan kepada pemilik toko", "Pass the complaint on to the shop owner", 2)])]),
 ("k3", "K3_", "Keselamatan dan kesehatan kerja (K3)", "Safety and health at work",
  "Bekerja dengan aman dan menjaga keselamatan diri serta orang lain.", "Working safely and keeping yourself and others safe.",
  "Dasar K3 (Keselamatan dan Kesehatan Kerja)", "Basic Occupational Safety and Health",
  [("Saya memakai alat pelindung diri seperti masker atau sarung tangan jika diminta.", "I wear protective equipment such as a mask or gloves when asked to.", False),
   ("Saya melapor jika melihat keadaan yang berbahaya.", "I report it when I notice something dangerous.", False),
   ("Saya memperhatikan tanda peringatan di tempat kerja.", "I pay attention to warning signs at work.", False),
   ("Saya suka mengambil jalan pintas walaupun tidak aman.", "I like taking shortcuts even when they are not safe.", True)],
  [("Ada tumpahan minyak di lantai dapur rumah makan yang sedang ramai. Apa yang Anda lakukan?", "There is spilled oil on the floor of a busy restaurant kitchen. What do you do?",
    [("Membiarkannya, nanti ada petugas kebersihan", "Leave it; the cleaner will come later", 0),
     ("Melangkahinya dengan hati-hati", "Step over it carefully", 1),
     ("Memberi tahu orang-orang di dekat Anda", "Tell the people near you", 2),
     ("Memasang tanda bahaya, lalu segera membersihkannya atau melapor", "Put up a warning, then clean it at once or report it", 3)]),
   ("Atasan meminta Anda memakai mesin potong, tetapi pelindung pisaunya rusak. Apa yang Anda lakukan?", "Your supervisor asks you to use a cutting machine, but its blade guard is broken. What do you do?",
    [("Tetap memakai mesin dengan hati-hati", "Use the machine anyway, carefully", 1),
     ("Memperbaiki pelindung sendiri tanpa izin", "Fix the guard yourself without permission", 0),
     ("Memberi tahu atasan bahwa pelindungnya rusak dan tidak memakai mesin sampai diperbaiki", "Tell your supervisor the guard is broken and do not use the machine until it is fixed", 3),
     ("Memakai mesin lain yang aman sambil menunggu perbaikan", "Use another machine that is safe while waiting for the repair", 2)])]),
 ("digital", "DIG", "Keterampilan digital dasar", "Basic digital skills",
  "Memakai ponsel untuk mencari kerja, mengisi formulir dan berkirim dokumen dengan aman.", "Using a phone to find work, fill in forms and send documents safely.",
  "Literasi Digital untuk Kerja", "Digital Literacy for Work",
  [("Saya bisa mengisi formulir pendaftaran kerja secara online.", "I can fill in a job application form online.", False),
   ("Saya bisa mengirim dokumen lewat WhatsApp atau email.", "I can send documents by WhatsApp or email.", False),
   ("Saya bisa mencari lowongan kerja di internet, misalnya di E-Makaryo.", "I can look for job vacancies online, for example on E-Makaryo.", False),
   ("Saya bingung jika harus memakai aplikasi yang baru.", "I get confused when I have to use a new app.", True)],
  [("Anda menerima pesan: \u201cSelamat, Anda diterima kerja! Kirim kode OTP dan PIN Anda untuk proses.\u201d Apa yang Anda lakukan?", "You receive a message: \u201cCongratulations, you got the job! Send your OTP code and PIN to continue.\u201d What do you do?",
    [("Mengirim kode dan PIN karena ingin segera bekerja", "Send the code and PIN because you want to start work soon", 0),
     ("Tidak mengirim apa pun, lalu memeriksa lowongan itu lewat situs resmi atau BLK", "Send nothing, then check the vacancy on the official website or with the BLK", 3),
     ("Mengirim PIN saja, tanpa kode OTP", "Send only the PIN, not the OTP code", 1),
     ("Menghapus pesan itu", "Delete the message", 2)]),
   ("Anda membuat kata sandi untuk akun pencari kerja. Mana yang paling aman?", "You are making a password for a job-seeker account. Which is the safest?",
    [("Tanggal lahir Anda, misalnya 12052003", "Your date of birth, for example 12052003", 0),
     ("Kata sandi yang sama dengan akun media sosial Anda", "The same password as your social media account", 1),
     ("Nama hewan peliharaan ditambah angka", "Your pet's name followed by a number", 2),
     ("Gabungan panjang huruf, angka dan tanda yang sulit ditebak", "A long mix of letters, numbers and symbols that is hard to guess", 3)])]),
 ("pengelolaan_diri", "PDR", "Pengelolaan diri", "Self-management",
  "Mengatur waktu, uang dan semangat diri untuk mencapai tujuan kerja.", "Managing your time, money and motivation to reach your work goals.",
  "Pengelolaan Diri dan Keuangan", "Self and Money Management",
  [("Saya bisa mengatur waktu antara kerja, belajar dan keluarga.", "I can divide my time between work, learning and family.", False),
   ("Saya punya tujuan kerja yang jelas untuk satu tahun ke depan.", "I have a clear work goal for the coming year.", False),
   ("Saya bisa menerima kritik dan memperbaiki diri.", "I can accept criticism and improve.", False),
   ("Saya mudah putus asa jika lamaran kerja saya ditolak.", "I lose heart easily when a job application of mine is turned down.", True)],
  [("Lamaran kerja Anda ditolak untuk ketiga kalinya. Apa yang Anda lakukan?", "Your job application is turned down for the third time. What do you do?",
    [("Berhenti mencari kerja", "Stop looking for work", 0),
     ("Meminta masukan, memperbaiki lamaran, lalu melamar lagi", "Ask for feedback, improve the application, then apply again", 3),
     ("Melamar ke mana saja tanpa membaca syaratnya", "Apply anywhere without reading the requirements", 1),
     ("Meminta saran dari pendamping atau konselor", "Ask a mentor or counsellor for advice", 2)]),
   ("Anda baru menerima gaji pertama. Apa yang Anda lakukan?", "You have just received your first wage. What do you do?",
    [("Menghabiskannya dalam seminggu", "Spend it all within a week", 0),
     ("Meminjamkan semuanya kepada teman", "Lend all of it to a friend", 1),
     ("Menyimpan semuanya tanpa rencana", "Keep all of it without a plan", 2),
     ("Membuat rencana untuk kebutuhan, keluarga dan tabungan", "Make a plan for your needs, your family and savings", 3)])]),
]

LEVELS = [("perlu_pendampingan", 0.0, 50.0, "Perlu pendampingan", "Needs support"),
          ("berkembang", 50.0, 75.0, "Berkembang", "Developing"),
          ("siap_kerja", 75.0, 100.0, "Siap kerja", "Work ready")]


def lower_first(s):
    return s[0].lower() + s[1:]




out = []
w = out.append
w("""# Kesiapan Kerja — the work-readiness instrument of assess.
#
# Eight competencies common to work-readiness frameworks, each with four
# self-report statements (one reverse keyed) and two short work situations
# whose options carry scores from 0 to 3. Every item was written for this
# project. The file is generated from instruments/src/readiness_items.py.
#
# Status: provisional. The items have not been tried on respondents; there
# are no norms and no reliability data. Readiness levels are cut points on
# the percent of maximum possible (POMP), not comparisons with other people.
format = 1

[instrument]
id = "readiness"
version = "0.1.0"
kind = "readiness"
languages = ["id", "en"]
status = "provisional"
source = "Items written for this project in 2026 from competency areas common in work-readiness frameworks; not yet tried on respondents; no norms or reliability data. Levels are POMP cut points, not norms."
licence = "CC-BY-4.0"
""")
w("title = " + t("Kesiapan Kerja", "Work Readiness"))
w("description = " + t("Pernyataan dan situasi kerja untuk melihat kekuatan Anda dan hal yang masih bisa dilatih.", "Statements and work situations to see your strengths and what you can still practise."))
w("instructions = " + t(
    "Untuk pernyataan, pilih seberapa sesuai dengan diri Anda; tidak ada jawaban benar atau salah. Untuk situasi kerja, pilih yang paling mungkin Anda lakukan.",
    "For the statements, choose how much each is like you; there are no right or wrong answers. For the work situations, choose what you would most likely do."))
w("""
[quality]
min_completion = 0.8
max_longstring = 10
min_seconds_per_item = 2.0
min_irv = 0.3

[formats.setuju5]
type = "likert"
points = 5
min = 1
labels = [""")
for i, e in [("Sangat tidak sesuai", "Not at all like me"), ("Tidak sesuai", "Not like me"), ("Ragu-ragu", "Not sure"), ("Sesuai", "Like me"), ("Sangat sesuai", "Very much like me")]:
    w("  " + t(i, e) + ",")
w("""]

[formats.situasi]
type = "scored_choice"
shuffle = true
""")
for cid, pre, ni, ne, di, de, mi, me, likert, sjt in C:
    w(f"""[[scales]]
id = "{cid}"
name = {t(ni, ne)}
description = {t(di, de)}
scoring = "sum"
missing = {{ max = 1, prorate = true }}
bands_on = "pomp"
""")
    interps = [
        (f"Kemampuan {lower_first(ni)} Anda masih perlu dilatih dengan pendampingan.", f"Your {ne.lower()} still needs practice with support."),
        (f"Kemampuan {lower_first(ni)} Anda sudah berkembang; masih ada yang bisa dilatih.", f"Your {ne.lower()} is developing; some parts can still be practised."),
        (f"Kemampuan {lower_first(ni)} Anda sudah baik untuk bekerja.", f"Your {ne.lower()} is good enough for work."),
    ]
    steps = [
        (f"Ikuti modul \u201c{mi}\u201d di BLK dengan pendamping.", f"Take the \u201c{me}\u201d module at a BLK with a mentor."),
        (f"Latih {lower_first(ni)} lewat magang atau tugas kelompok; modul \u201c{mi}\u201d dapat membantu.", f"Practise {ne.lower()} through an apprenticeship or group tasks; the \u201c{me}\u201d module can help."),
        ("Siap melamar: tunjukkan kemampuan ini saat wawancara kerja.", "Ready to apply: show this strength in job interviews."),
    ]
    for (bid, lo, hi, li, le), interp, step in zip(LEVELS, interps, steps):
        w(band(bid, lo, hi, (li, le), interp, step))
w(f"""[[scales]]
id = "kesiapan_kerja"
name = {t("Kesiapan kerja keseluruhan", "Overall work readiness")}
description = {t("Rata-rata dari kedelapan kemampuan.", "The average of the eight competencies.")}
composite = [{", ".join(q(c[0]) for c in C)}]
missing = {{ max = 1 }}
bands_on = "score"
""")
overall = [
    (("Beberapa kemampuan kerja dasar masih perlu dilatih.", "Several basic work skills still need practice."),
     ("Ikuti program pendampingan dan pelatihan soft skills sebelum melamar kerja.", "Join a mentoring and soft-skills programme before applying for jobs.")),
    (("Kesiapan kerja Anda sudah berkembang.", "Your work readiness is developing."),
     ("Ikuti modul soft skills untuk kemampuan yang masih rendah, sambil mulai magang.", "Take soft-skills modules for the weaker competencies while starting an apprenticeship.")),
    (("Anda sudah siap bekerja.", "You are ready for work."),
     ("Siap melamar kerja lewat E-Makaryo; konselor dapat membantu memilih lowongan.", "Ready to apply for jobs through E-Makaryo; a counsellor can help you choose vacancies.")),
]
for (bid, lo, hi, li, le), (interp, step) in zip(LEVELS, overall):
    w(band(bid, lo, hi, (li, le), interp, step))
keys = "ABCD"
for k in range(6):
    for cid, pre, *_rest in C:
        likert, sjt = _rest[-2], _rest[-1]
        order = [("L", 0), ("L", 1), ("S", 0), ("L", 3), ("L", 2), ("S", 1)]
        kind, j = order[k]
        iid = f"{pre}{k + 1}"
        if kind == "L":
            ti, te, rev = likert[j]
            w(f"""[[items]]
id = "{iid}"
scale = "{cid}"
format = "setuju5"
{"reverse = true" + chr(10) if rev else ""}text = {t(ti, te)}
""")
        else:
            si, se, opts = sjt[j]
            w(f"""[[items]]
id = "{iid}"
scale = "{cid}"
format = "situasi"
text = {t(si, se)}
options = [""")
            for key, (oi, oe, sc) in zip(keys, opts):
                w(f"  {{ key = \"{key}\", text = {t(oi, oe)}, score = {sc} }},")
            w("]\n")
print("\n".join(out))
