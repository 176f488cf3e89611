#!/usr/bin/env python3
"""Source of instruments/job-families.toml: the job-family catalogue.
Run `python3 instruments/src/job_families.py > instruments/job-families.toml`.

Interest levels (1-7 per RIASEC type) were set by the project team by
analogy with the O*NET interest profiles of comparable occupations; they are
not measured on Indonesian jobs. ISCO-08 codes are unit groups from the
ILO's list (instruments/reference/isco08-unit-groups.csv).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tomlgen import q, t  # noqa: E402

# Shared accessibility notes (id, en) and their groups.
ACC = {
 "tuli": ("Teman tuli dapat bekerja dengan instruksi tertulis, tanda visual dan aplikasi pesan; rekan kerja bisa belajar isyarat dasar.",
          "Deaf workers can work with written instructions, visual signals and messaging apps; co-workers can learn basic signs."),
 "daksa": ("Pengguna kursi roda atau kruk dapat bekerja dengan meja yang bisa diatur, jalur tanpa tangga dan pembagian tugas angkat.",
           "Wheelchair or crutch users can work with adjustable tables, step-free routes and shared lifting tasks."),
 "netra": ("Teman netra dapat bekerja dengan pembaca layar, penanda sentuh dan tata letak tetap.",
           "Blind or low-vision workers can work with screen readers, tactile markers and a fixed layout."),
 "intelektual": ("Pekerja dengan disabilitas intelektual dapat bekerja dengan langkah kerja bergambar, pendamping kerja dan tugas rutin yang jelas.",
                 "Workers with intellectual disabilities can work with picture-based task steps, a job coach and clear routines."),
 "psikososial": ("Jadwal yang dapat diatur dan atasan yang memahami membantu pekerja dengan disabilitas psikososial.",
                 "Flexible schedules and an understanding supervisor help workers with psychosocial disabilities."),
}

# (id, name_id, name_en, desc_id, desc_en, act_id, act_en, isco, levels RIASEC, code,
#  schooling, zone, aptitude [(domain, min_band)], readiness, sectors, acc groups,
#  training [(kind, name_id, name_en, duration (id, en) or None)])
F = [
 ("operator-jahit", "Operator jahit garmen", "Garment sewing machine operator",
  "Menjahit bagian pakaian dengan mesin jahit industri di lini produksi.", "Sews garment parts with industrial sewing machines on a production line.",
  "menjalankan mesin jahit dan menjaga jahitan tetap rapi", "running sewing machines and keeping seams neat",
  ["8153", "7533"], (6, 2, 3, 2, 2, 5), "RCA", "SMP", 2, [("klerikal", "cukup")], ["kebiasaan_kerja", "k3", "kerja_sama"], ["garmen", "tekstil"],
  ["tuli", "daksa", "intelektual"], [("blk", "Menjahit Pakaian dengan Mesin Industri", "Industrial Garment Sewing", ("240 jam", "240 hours")), ("apprenticeship", "Magang di pabrik garmen", "Apprenticeship in a garment factory", ("3 bulan", "3 months"))]),
 ("penjahit-busana", "Penjahit busana", "Tailor and dressmaker",
  "Mengukur, memotong dan menjahit pakaian pesanan, sering sebagai usaha sendiri.", "Measures, cuts and sews made-to-order clothing, often as an own business.",
  "mengukur, memotong dan menjahit pakaian sesuai pesanan", "measuring, cutting and sewing clothes to order",
  ["7531"], (5, 2, 5, 3, 4, 3), "RAE", "SMP", 2, [("numerik", "cukup")], ["layanan_pelanggan", "pengelolaan_diri"], ["garmen", "usaha_mikro"],
  ["tuli", "daksa"], [("blk", "Menjahit Busana", "Dressmaking", ("320 jam", "320 hours")), ("certification", "Sertifikasi Penjahit Busana (BNSP)", "Dressmaker certification (BNSP)", None)]),
 ("pola-potong", "Pembuat pola dan pemotong kain", "Pattern maker and fabric cutter",
  "Membuat pola dan memotong kain sesuai ukuran untuk produksi pakaian.", "Makes patterns and cuts fabric to size for clothing production.",
  "mengukur, membuat pola dan memotong kain dengan tepat", "measuring, making patterns and cutting fabric precisely",
  ["7532"], (6, 3, 4, 1, 2, 5), "RCA", "SMK", 3, [("numerik", "cukup"), ("logika", "cukup")], ["kebiasaan_kerja", "k3"], ["garmen"],
  ["tuli", "daksa"], [("blk", "Pembuatan Pola Busana", "Garment Pattern Making", ("240 jam", "240 hours")), ("apprenticeship", "Magang di bagian pola pabrik garmen", "Apprenticeship in a garment factory's pattern room", ("3 bulan", "3 months"))]),
 ("qc-garmen", "Pemeriksa mutu garmen dan tekstil", "Garment and textile quality checker",
  "Memeriksa ukuran, jahitan dan cacat produk sebelum dikirim.", "Checks sizes, seams and defects in products before shipping.",
  "memeriksa produk dengan teliti dan mencatat hasilnya", "checking products carefully and recording the results",
  ["7543"], (4, 4, 2, 2, 2, 6), "CRI", "SMA", 2, [("klerikal", "baik")], ["kebiasaan_kerja", "komunikasi"], ["garmen", "tekstil", "alas_kaki"],
  ["tuli", "daksa", "intelektual"], [("course", "Kursus Pengendalian Mutu Produk", "Product Quality Control course", ("40 jam", "40 hours")), ("apprenticeship", "Magang di bagian QC pabrik", "Apprenticeship in a factory QC team", ("3 bulan", "3 months"))]),
 ("pengrajin-batik", "Pengrajin batik", "Batik maker",
  "Membuat batik tulis atau cap: menggambar motif, mencanting, mewarnai dan melorod.", "Makes hand-drawn or stamped batik: drawing motifs, waxing, dyeing and removing wax.",
  "membuat motif dan mengerjakan kain dengan tangan", "creating patterns and working cloth by hand",
  ["7318"], (5, 2, 6, 2, 3, 3), "ARE", "SD", 2, [], ["kebiasaan_kerja", "pengelolaan_diri"], ["batik", "kerajinan", "usaha_mikro"],
  ["tuli", "daksa", "intelektual"], [("blk", "Membatik", "Batik Making", ("160 jam", "160 hours")), ("mentoring", "Pendampingan usaha batik di sentra batik", "Business mentoring at a batik centre", None)]),
 ("operator-sepatu", "Operator produksi alas kaki", "Footwear production operator",
  "Menjahit, mengelem dan merakit sepatu atau sandal di pabrik alas kaki.", "Sews, glues and assembles shoes or sandals in a footwear factory.",
  "menjalankan mesin dan merakit bagian sepatu", "running machines and assembling shoe parts",
  ["8156", "7536"], (6, 2, 3, 2, 2, 5), "RCA", "SMP", 2, [("klerikal", "cukup")], ["kebiasaan_kerja", "k3", "kerja_sama"], ["alas_kaki"],
  ["tuli", "daksa", "intelektual"], [("apprenticeship", "Magang di pabrik alas kaki", "Apprenticeship in a footwear factory", ("3 bulan", "3 months")), ("blk", "Produksi Alas Kaki", "Footwear Production", ("200 jam", "200 hours"))]),
 ("pramuniaga", "Pramuniaga minimarket dan toko", "Shop and minimarket sales assistant",
  "Melayani pembeli, menata barang di rak dan menjaga toko tetap rapi.", "Serves shoppers, stocks shelves and keeps the shop tidy.",
  "melayani pembeli dan menata barang", "serving shoppers and arranging goods",
  ["5223", "9334"], (3, 1, 2, 5, 6, 5), "ESC", "SMA", 2, [("numerik", "cukup")], ["layanan_pelanggan", "komunikasi", "kebiasaan_kerja"], ["ritel"],
  ["tuli", "daksa", "intelektual"], [("blk", "Pelayanan Ritel", "Retail Service", ("120 jam", "120 hours")), ("apprenticeship", "Magang di jaringan minimarket", "Apprenticeship with a minimarket chain", ("3 bulan", "3 months"))]),
 ("kasir", "Kasir", "Cashier",
  "Menghitung belanjaan, menerima pembayaran tunai dan digital, dan mencocokkan uang kas.", "Rings up purchases, takes cash and digital payments and balances the till.",
  "menghitung uang dan melayani pembayaran dengan teliti", "handling money and payments accurately",
  ["5230"], (2, 2, 1, 4, 4, 7), "CSE", "SMA", 2, [("numerik", "baik"), ("klerikal", "cukup")], ["layanan_pelanggan", "kebiasaan_kerja", "digital"], ["ritel", "kuliner"],
  ["tuli", "daksa"], [("blk", "Kasir dan Administrasi Toko", "Cashier and Shop Administration", ("80 jam", "80 hours")), ("apprenticeship", "Magang kasir di minimarket", "Cashier apprenticeship at a minimarket", ("2 bulan", "2 months"))]),
 ("kepala-toko", "Kepala toko", "Store supervisor",
  "Memimpin karyawan toko, mengatur stok, jadwal dan target penjualan.", "Leads shop staff and manages stock, schedules and sales targets.",
  "memimpin tim dan mengatur penjualan", "leading a team and managing sales",
  ["5222"], (2, 3, 2, 4, 7, 5), "ECS", "SMA", 3, [("numerik", "baik"), ("verbal", "cukup")], ["komunikasi", "kerja_sama", "pemecahan_masalah"], ["ritel"],
  ["tuli", "daksa"], [("apprenticeship", "Program pengembangan calon kepala toko", "Store supervisor development programme", ("6 bulan", "6 months")), ("course", "Kursus Manajemen Ritel", "Retail Management course", ("60 jam", "60 hours"))]),
 ("pedagang-pasar", "Pedagang pasar", "Market trader",
  "Berjualan sayur, ikan, bahan pangan atau barang lain di lapak pasar.", "Sells vegetables, fish, food staples or other goods from a market stall.",
  "berjualan dan menawar dengan pembeli", "selling and bargaining with buyers",
  ["5211"], (3, 1, 2, 4, 7, 4), "ESC", "SD", 1, [("numerik", "cukup")], ["layanan_pelanggan", "pengelolaan_diri"], ["pasar", "usaha_mikro"],
  ["tuli", "daksa", "intelektual"], [("mentoring", "Pendampingan usaha mikro", "Micro-business mentoring", None), ("course", "Kursus Pembukuan Sederhana", "Simple Bookkeeping course", ("24 jam", "24 hours"))]),
 ("sales-lapangan", "Tenaga penjual lapangan", "Field sales representative",
  "Menawarkan produk ke toko dan warung, mencatat pesanan dan menagih.", "Offers products to shops and stalls, takes orders and collects payments.",
  "menawarkan produk dan meyakinkan pelanggan", "offering products and persuading customers",
  ["3322", "5243"], (2, 2, 2, 5, 7, 3), "ESC", "SMA", 2, [("numerik", "cukup"), ("verbal", "cukup")], ["komunikasi", "layanan_pelanggan", "pengelolaan_diri"], ["ritel", "distribusi"],
  ["tuli", "psikososial"], [("course", "Kursus Teknik Penjualan", "Sales Techniques course", ("40 jam", "40 hours")), ("apprenticeship", "Magang di distributor", "Apprenticeship with a distributor", ("3 bulan", "3 months"))]),
 ("admin-toko-online", "Admin dan penjual toko online", "Online shop admin and seller",
  "Mengunggah produk, membalas chat pembeli, mencatat pesanan dan mengatur pengiriman.", "Uploads products, answers buyers' chats, records orders and arranges shipping.",
  "melayani pembeli lewat ponsel dan mencatat pesanan", "serving buyers by phone and recording orders",
  ["5249", "4132"], (2, 3, 4, 4, 6, 6), "ECA", "SMA", 2, [("verbal", "cukup"), ("klerikal", "cukup")], ["digital", "layanan_pelanggan", "komunikasi"], ["digital", "ritel", "usaha_mikro"],
  ["tuli", "daksa", "netra"], [("blk", "Pemasaran Digital", "Digital Marketing", ("160 jam", "160 hours")), ("course", "Kursus Berjualan di Marketplace", "Selling on Marketplaces course", ("32 jam", "32 hours"))]),
 ("operator-pengolahan-makanan", "Operator pengolahan makanan dan minuman", "Food and beverage processing operator",
  "Menjalankan mesin pengolah, pengemas dan pelabel di pabrik makanan atau minuman.", "Runs processing, packing and labelling machines in a food or drinks factory.",
  "menjalankan mesin dan menjaga kebersihan produksi", "running machines and keeping production hygienic",
  ["8160", "8183"], (6, 3, 1, 2, 2, 5), "RCI", "SMP", 2, [("klerikal", "cukup")], ["k3", "kebiasaan_kerja", "kerja_sama"], ["pengolahan_makanan"],
  ["tuli", "daksa", "intelektual"], [("blk", "Pengolahan Hasil Pertanian dan Pangan", "Food and Farm Produce Processing", ("160 jam", "160 hours")), ("certification", "Sertifikat Keamanan Pangan", "Food Safety certificate", None)]),
 ("pengolah-ikan", "Pekerja pengolahan ikan", "Fish processing worker",
  "Membersihkan, memfillet, mengasinkan, mengasap dan mengemas ikan.", "Cleans, fillets, salts, smokes and packs fish.",
  "mengolah ikan dengan tangan dan alat", "preparing fish by hand and with tools",
  ["7511", "9321"], (6, 2, 2, 2, 3, 4), "RCE", "SD", 1, [], ["k3", "kebiasaan_kerja"], ["perikanan", "pengolahan_makanan"],
  ["tuli", "intelektual"], [("blk", "Pengolahan Hasil Perikanan", "Fish Processing", ("120 jam", "120 hours")), ("mentoring", "Pendampingan kelompok pengolah ikan", "Mentoring for fish-processing groups", None)]),
 ("pembuat-roti-kue", "Pembuat roti dan kue", "Baker and pastry maker",
  "Membuat roti, kue dan jajanan di toko roti atau usaha sendiri.", "Makes bread, cakes and snacks in a bakery or an own business.",
  "menakar bahan, membuat adonan dan menghias kue", "measuring ingredients, making dough and decorating cakes",
  ["7512"], (5, 3, 5, 2, 4, 4), "RAE", "SMP", 2, [("numerik", "cukup")], ["kebiasaan_kerja", "k3", "pengelolaan_diri"], ["kuliner", "pengolahan_makanan", "usaha_mikro"],
  ["tuli", "daksa", "intelektual"], [("blk", "Pembuatan Roti dan Kue", "Bread and Pastry Making", ("240 jam", "240 hours")), ("certification", "Sertifikasi Pembuat Roti (BNSP)", "Baker certification (BNSP)", None)]),
 ("petani-hortikultura", "Petani sayur dan hortikultura", "Vegetable and horticulture grower",
  "Menanam dan merawat sayur, cabai, bawang merah atau buah, dari bibit sampai panen.", "Grows vegetables, chillies, shallots or fruit from seedling to harvest.",
  "merawat tanaman dan membaca tanda-tanda alam", "tending plants and reading the signs of nature",
  ["6111", "6114", "9211"], (7, 4, 2, 2, 4, 3), "RIE", "SD", 1, [], ["pemecahan_masalah", "pengelolaan_diri"], ["pertanian"],
  ["tuli", "intelektual"], [("blk", "Budidaya Tanaman Hortikultura", "Horticulture", ("160 jam", "160 hours")), ("mentoring", "Sekolah lapang petani bersama penyuluh", "Farmer field school with extension workers", ("1 musim tanam", "1 growing season"))]),
 ("peternak", "Peternak", "Livestock and poultry farmer",
  "Memelihara sapi, kambing, ayam atau itik: pakan, kebersihan kandang dan kesehatan ternak.", "Raises cattle, goats, chickens or ducks: feed, clean sheds and animal health.",
  "merawat hewan dan kandangnya", "caring for animals and their sheds",
  ["6121", "6122", "9212"], (7, 3, 1, 3, 4, 3), "REI", "SD", 1, [], ["pengelolaan_diri", "k3"], ["peternakan"],
  ["tuli", "intelektual"], [("blk", "Budidaya Ternak", "Livestock Raising", ("120 jam", "120 hours")), ("mentoring", "Pendampingan kelompok peternak", "Mentoring for livestock groups", None)]),
 ("pembudidaya-ikan", "Pembudidaya ikan dan tambak", "Fish and pond farmer",
  "Memelihara ikan, udang atau bandeng di kolam dan tambak: pakan, air dan panen.", "Raises fish, shrimp or milkfish in ponds: feeding, water and harvest.",
  "merawat ikan dan menjaga air kolam", "caring for fish and keeping pond water right",
  ["6221", "9216"], (7, 4, 1, 2, 4, 3), "RIE", "SD", 1, [], ["pemecahan_masalah", "pengelolaan_diri"], ["perikanan"],
  ["tuli", "intelektual"], [("blk", "Budidaya Perikanan", "Aquaculture", ("160 jam", "160 hours")), ("mentoring", "Pendampingan kelompok pembudidaya ikan", "Mentoring for fish-farming groups", None)]),
 ("nelayan", "Nelayan", "Fisher",
  "Menangkap ikan di laut atau perairan darat dengan perahu dan alat tangkap.", "Catches fish at sea or in inland waters with boats and nets.",
  "bekerja di perahu dan merawat alat tangkap", "working on boats and looking after fishing gear",
  ["6222"], (7, 3, 1, 3, 3, 2), "RIS", "SD", 1, [], ["k3", "kerja_sama"], ["perikanan"],
  ["tuli"], [("course", "Pelatihan Keselamatan Nelayan", "Fishers' Safety Training", ("24 jam", "24 hours")), ("mentoring", "Pendampingan kelompok usaha bersama nelayan", "Mentoring for fishers' cooperatives", None)]),
 ("analis-laboratorium", "Analis laboratorium", "Laboratory analyst",
  "Menguji sampel bahan, makanan, air atau darah di laboratorium pabrik, klinik atau dinas.", "Tests samples of materials, food, water or blood in factory, clinic or government laboratories.",
  "menguji sampel dan mencari tahu hasilnya dengan teliti", "testing samples and working out results carefully",
  ["3111", "3212"], (4, 7, 2, 3, 2, 5), "ICR", "SMK", 3, [("numerik", "baik"), ("logika", "cukup")], ["kebiasaan_kerja", "k3", "pemecahan_masalah"], ["kesehatan", "pengolahan_makanan", "manufaktur"],
  ["tuli", "daksa"], [("course", "SMK Analis Kimia atau Analis Kesehatan", "Vocational school in chemical or medical laboratory analysis", ("3 tahun", "3 years")), ("certification", "Sertifikasi Analis Laboratorium (BNSP)", "Laboratory analyst certification (BNSP)", None)]),
 ("teknisi-pertanian", "Teknisi dan penyuluh pertanian lapangan", "Agricultural technician and field adviser",
  "Memeriksa tanaman dan tanah, mencoba cara tanam baru dan memberi saran kepada petani.", "Checks crops and soil, tries new growing methods and advises farmers.",
  "mengamati tanaman, menguji cara baru dan memberi saran", "observing crops, testing new methods and giving advice",
  ["3142", "2132"], (5, 6, 2, 4, 3, 4), "IRS", "SMK", 3, [("verbal", "cukup"), ("logika", "cukup")], ["komunikasi", "pemecahan_masalah"], ["pertanian", "perikanan"],
  ["tuli", "daksa"], [("course", "SMK Pertanian atau D3 Agribisnis", "Vocational school in agriculture or agribusiness diploma", ("3 tahun", "3 years")), ("course", "Pelatihan teknis di balai pelatihan pertanian", "Technical training at an agricultural training centre", ("80 jam", "80 hours"))]),
 ("juru-masak", "Juru masak", "Cook",
  "Memasak makanan di rumah makan, katering atau dapur hotel.", "Cooks food in restaurants, catering or hotel kitchens.",
  "memasak, meracik rasa dan menjaga kebersihan dapur", "cooking, balancing flavours and keeping the kitchen clean",
  ["5120"], (6, 2, 5, 3, 4, 3), "RAE", "SMP", 2, [("numerik", "cukup")], ["k3", "kerja_sama", "kebiasaan_kerja"], ["kuliner", "perhotelan"],
  ["tuli", "daksa", "intelektual"], [("blk", "Tata Boga", "Culinary Arts", ("240 jam", "240 hours")), ("certification", "Sertifikasi Juru Masak (BNSP)", "Cook certification (BNSP)", None)]),
 ("pelayan-restoran", "Pelayan rumah makan dan kafe", "Restaurant and cafe server",
  "Menyambut tamu, mencatat pesanan, menyajikan makanan dan menerima pembayaran.", "Welcomes guests, takes orders, serves food and takes payment.",
  "melayani tamu dengan ramah", "serving guests in a friendly way",
  ["5131", "5246"], (3, 1, 2, 7, 5, 3), "SER", "SMP", 2, [("verbal", "cukup")], ["layanan_pelanggan", "komunikasi", "kerja_sama"], ["kuliner", "perhotelan"],
  ["tuli", "intelektual"], [("blk", "Tata Hidang", "Food and Beverage Service", ("160 jam", "160 hours")), ("apprenticeship", "Magang di hotel atau restoran", "Apprenticeship in a hotel or restaurant", ("3 bulan", "3 months"))]),
 ("housekeeping", "Petugas tata graha dan kebersihan", "Housekeeping and cleaning attendant",
  "Membersihkan dan merapikan kamar hotel, kantor atau rumah sakit.", "Cleans and tidies hotel rooms, offices or hospitals.",
  "membersihkan dan merapikan ruangan menurut standar", "cleaning and tidying rooms to a standard",
  ["9112", "5151"], (6, 1, 2, 4, 2, 5), "RCS", "SD", 1, [], ["kebiasaan_kerja", "k3"], ["perhotelan", "jasa"],
  ["tuli", "intelektual", "psikososial"], [("blk", "Tata Graha", "Housekeeping", ("160 jam", "160 hours")), ("apprenticeship", "Magang di hotel", "Hotel apprenticeship", ("3 bulan", "3 months"))]),
 ("resepsionis", "Resepsionis", "Receptionist",
  "Menerima tamu, menjawab telepon, mencatat reservasi dan memberi informasi.", "Welcomes visitors, answers the phone, records bookings and gives information.",
  "melayani tamu dan mencatat informasi", "serving visitors and recording information",
  ["4224", "4226"], (2, 2, 2, 6, 5, 6), "CSE", "SMA", 2, [("verbal", "baik"), ("klerikal", "cukup")], ["komunikasi", "layanan_pelanggan", "digital"], ["perhotelan", "jasa", "kesehatan"],
  ["daksa", "netra"], [("blk", "Kantor Depan Hotel", "Hotel Front Office", ("200 jam", "200 hours")), ("apprenticeship", "Magang di hotel", "Hotel apprenticeship", ("3 bulan", "3 months"))]),
 ("tukang-bangunan", "Tukang bangunan", "Builder and bricklayer",
  "Memasang bata, mengecor dan membangun rumah atau gedung bersama tim.", "Lays bricks, pours concrete and builds houses or buildings with a team.",
  "membangun dengan alat dan bahan bangunan", "building with tools and materials",
  ["7112", "7114", "9313"], (7, 2, 3, 2, 2, 3), "RAC", "SD", 2, [("numerik", "perlu_latihan")], ["k3", "kerja_sama"], ["konstruksi"],
  ["tuli"], [("blk", "Pasangan Batu dan Beton", "Masonry and Concrete", ("200 jam", "200 hours")), ("certification", "Sertifikasi Tukang Bangunan (LPJK)", "Builder certification (LPJK)", None)]),
 ("tukang-finishing", "Tukang keramik, plester dan cat", "Tiler, plasterer and painter",
  "Memasang keramik, memplester dinding dan mengecat bangunan.", "Lays tiles, plasters walls and paints buildings.",
  "merapikan dan memperindah bangunan", "finishing and beautifying buildings",
  ["7122", "7123", "7131"], (7, 2, 4, 2, 2, 3), "RAC", "SD", 2, [("numerik", "perlu_latihan")], ["k3", "kebiasaan_kerja"], ["konstruksi"],
  ["tuli"], [("blk", "Finishing Bangunan", "Building Finishing", ("200 jam", "200 hours")), ("apprenticeship", "Magang dengan mandor bangunan", "Apprenticeship with a building foreman", ("3 bulan", "3 months"))]),
 ("tukang-las", "Tukang las", "Welder",
  "Mengelas dan memotong logam untuk pagar, rangka, kapal atau mesin.", "Welds and cuts metal for fences, frames, boats or machines.",
  "mengelas dan membentuk logam dengan aman", "welding and shaping metal safely",
  ["7212"], (7, 3, 2, 1, 2, 3), "RIC", "SMP", 2, [("logika", "cukup")], ["k3", "kebiasaan_kerja"], ["manufaktur", "konstruksi", "perkapalan"],
  ["tuli"], [("blk", "Pengelasan SMAW", "SMAW Welding", ("320 jam", "320 hours")), ("certification", "Sertifikasi Juru Las (BNSP)", "Welder certification (BNSP)", None)]),
 ("tukang-ledeng", "Tukang pipa dan ledeng", "Plumber and pipe fitter",
  "Memasang dan memperbaiki pipa air, keran, pompa dan saluran.", "Installs and repairs water pipes, taps, pumps and drains.",
  "memasang dan memperbaiki saluran air", "installing and repairing water systems",
  ["7126"], (7, 4, 1, 3, 3, 3), "RIS", "SMP", 2, [("logika", "cukup")], ["pemecahan_masalah", "layanan_pelanggan", "k3"], ["konstruksi", "jasa"],
  ["tuli"], [("blk", "Instalasi Plambing", "Plumbing Installation", ("200 jam", "200 hours")), ("certification", "Sertifikasi Tukang Plambing (BNSP)", "Plumber certification (BNSP)", None)]),
 ("petugas-gudang", "Petugas gudang", "Warehouse and stock worker",
  "Menerima, menyimpan, mencatat dan menyiapkan barang untuk dikirim.", "Receives, stores, records and prepares goods for dispatch.",
  "mencatat dan mengatur barang di gudang", "recording and organising goods in a warehouse",
  ["4321", "9333"], (5, 2, 1, 2, 2, 6), "CRI", "SMA", 2, [("klerikal", "cukup"), ("numerik", "cukup")], ["kebiasaan_kerja", "k3", "digital"], ["logistik", "ritel", "manufaktur"],
  ["tuli", "intelektual"], [("blk", "Pergudangan", "Warehousing", ("160 jam", "160 hours")), ("certification", "Sertifikasi Operator Gudang (BNSP)", "Warehouse operator certification (BNSP)", None)]),
 ("kurir", "Kurir dan pengantar barang", "Courier and delivery rider",
  "Mengantar paket dan makanan dengan sepeda motor, memakai aplikasi pengiriman.", "Delivers parcels and food by motorbike using delivery apps.",
  "mengantar barang dan bertemu pelanggan", "delivering goods and meeting customers",
  ["9621", "8321"], (5, 1, 1, 4, 3, 4), "RSC", "SMP", 1, [], ["digital", "layanan_pelanggan", "k3"], ["logistik", "digital"],
  ["tuli"], [("course", "Pelatihan Keselamatan Berkendara", "Safe Riding training", ("16 jam", "16 hours")), ("course", "Kursus Layanan Pelanggan untuk Kurir", "Customer service for couriers", ("8 jam", "8 hours"))]),
 ("sopir", "Sopir angkutan barang dan penumpang", "Van, truck and car driver",
  "Mengemudikan mobil, pick-up atau truk untuk mengantar barang atau penumpang.", "Drives cars, pick-ups or trucks to carry goods or passengers.",
  "mengemudi dengan aman dan tepat waktu", "driving safely and on time",
  ["8322", "8332"], (7, 2, 1, 3, 3, 4), "RCS", "SMP", 2, [], ["k3", "kebiasaan_kerja"], ["logistik", "jasa"],
  ["tuli"], [("course", "Kursus Mengemudi dan SIM", "Driving course and licence", ("20 jam", "20 hours")), ("certification", "Sertifikasi Pengemudi Angkutan Barang", "Goods vehicle driver certification", None)]),
 ("operator-forklift", "Operator forklift", "Forklift operator",
  "Memindahkan dan menyusun barang di gudang atau pabrik dengan forklift.", "Moves and stacks goods in warehouses or factories with a forklift.",
  "menjalankan forklift dengan aman", "operating a forklift safely",
  ["8344"], (7, 2, 1, 1, 2, 5), "RCI", "SMA", 2, [("logika", "cukup")], ["k3", "kebiasaan_kerja"], ["logistik", "manufaktur"],
  ["tuli"], [("blk", "Operator Forklift", "Forklift Operation", ("80 jam", "80 hours")), ("certification", "Lisensi K3 Operator Forklift", "Forklift operator safety licence", None)]),
 ("operator-mesin", "Operator mesin produksi", "Production machine operator",
  "Menjalankan dan mengawasi mesin plastik, karet, kayu atau logam di pabrik.", "Runs and watches plastic, rubber, wood or metal machines in a factory.",
  "menjalankan dan mengawasi mesin", "running and watching machines",
  ["8142", "8141", "7223"], (7, 3, 1, 1, 2, 5), "RCI", "SMK", 2, [("logika", "cukup"), ("klerikal", "cukup")], ["k3", "kebiasaan_kerja", "pemecahan_masalah"], ["manufaktur"],
  ["tuli", "intelektual"], [("blk", "Operator Mesin Produksi", "Production Machine Operation", ("240 jam", "240 hours")), ("apprenticeship", "Magang industri", "Industrial apprenticeship", ("6 bulan", "6 months"))]),
 ("perakit-elektronik", "Perakit elektronik dan listrik", "Electrical and electronic assembler",
  "Merakit komponen kabel, lampu atau perangkat elektronik di lini produksi.", "Assembles cables, lamps or electronic devices on a production line.",
  "merakit komponen kecil dengan teliti", "assembling small parts carefully",
  ["8212"], (6, 3, 2, 2, 2, 5), "RCI", "SMK", 2, [("klerikal", "cukup")], ["kebiasaan_kerja", "k3", "kerja_sama"], ["manufaktur", "elektronik"],
  ["tuli", "daksa", "intelektual"], [("blk", "Perakitan Elektronika", "Electronics Assembly", ("240 jam", "240 hours")), ("apprenticeship", "Magang di pabrik elektronik", "Apprenticeship in an electronics factory", ("3 bulan", "3 months"))]),
 ("mekanik-motor", "Mekanik sepeda motor dan mobil", "Motorbike and car mechanic",
  "Memeriksa, merawat dan memperbaiki sepeda motor atau mobil di bengkel.", "Inspects, services and repairs motorbikes or cars in a workshop.",
  "mencari kerusakan dan memperbaiki mesin kendaraan", "finding faults and repairing vehicle engines",
  ["7231"], (7, 5, 2, 3, 3, 3), "RIS", "SMK", 2, [("logika", "cukup")], ["pemecahan_masalah", "layanan_pelanggan", "k3"], ["otomotif", "jasa"],
  ["tuli", "daksa"], [("blk", "Teknik Sepeda Motor", "Motorcycle Engineering", ("320 jam", "320 hours")), ("certification", "Sertifikasi Mekanik Sepeda Motor (BNSP)", "Motorcycle mechanic certification (BNSP)", None)]),
 ("mekanik-mesin", "Mekanik mesin pertanian dan industri", "Farm and industrial machinery mechanic",
  "Merawat dan memperbaiki traktor, pompa, mesin penggiling dan mesin pabrik.", "Services and repairs tractors, pumps, mills and factory machines.",
  "merawat dan memperbaiki mesin", "servicing and repairing machines",
  ["7233"], (7, 5, 1, 2, 2, 4), "RIC", "SMK", 3, [("logika", "baik")], ["pemecahan_masalah", "k3"], ["pertanian", "manufaktur"],
  ["tuli"], [("blk", "Mekanik Alat dan Mesin Pertanian", "Farm Machinery Mechanics", ("240 jam", "240 hours")), ("apprenticeship", "Magang di bengkel mesin", "Apprenticeship in a machinery workshop", ("6 bulan", "6 months"))]),
 ("teknisi-listrik", "Teknisi instalasi listrik", "Electrician",
  "Memasang dan memperbaiki instalasi listrik rumah, toko dan pabrik.", "Installs and repairs electrical wiring in homes, shops and factories.",
  "memasang kabel dan memeriksa listrik dengan aman", "wiring and testing electrics safely",
  ["7411", "7412"], (7, 5, 2, 3, 2, 4), "RIC", "SMK", 3, [("logika", "baik"), ("numerik", "cukup")], ["k3", "pemecahan_masalah"], ["konstruksi", "manufaktur", "jasa"],
  ["tuli"], [("blk", "Instalasi Listrik Bangunan", "Building Electrical Installation", ("320 jam", "320 hours")), ("certification", "Sertifikasi Instalatir Listrik (BNSP)", "Electrician certification (BNSP)", None)]),
 ("teknisi-ac-elektronik", "Teknisi AC dan elektronik", "Air-conditioning and electronics technician",
  "Memasang, merawat dan memperbaiki AC, kulkas, TV dan peralatan elektronik.", "Installs, services and repairs air conditioners, fridges, TVs and electronics.",
  "mencari kerusakan dan memperbaiki peralatan", "finding faults and repairing appliances",
  ["7127", "7421"], (7, 5, 1, 3, 3, 3), "RIS", "SMK", 3, [("logika", "baik")], ["pemecahan_masalah", "layanan_pelanggan", "k3"], ["jasa", "elektronik"],
  ["tuli", "daksa"], [("blk", "Teknik Pendingin dan Tata Udara", "Refrigeration and Air Conditioning", ("240 jam", "240 hours")), ("blk", "Servis Elektronika Rumah Tangga", "Household Electronics Repair", ("240 jam", "240 hours"))]),
 ("perias-salon", "Penata rambut dan perias", "Hairdresser and beautician",
  "Memotong dan menata rambut, merias wajah dan merawat kulit di salon atau usaha sendiri.", "Cuts and styles hair, does make-up and skin care in a salon or own business.",
  "menata rambut dan merias dengan kreatif", "styling hair and doing make-up creatively",
  ["5141", "5142"], (4, 2, 6, 6, 5, 2), "ASE", "SMP", 2, [], ["layanan_pelanggan", "komunikasi", "k3"], ["kecantikan", "usaha_mikro"],
  ["tuli", "daksa"], [("blk", "Tata Kecantikan Rambut", "Hairdressing", ("240 jam", "240 hours")), ("blk", "Tata Rias Wajah", "Make-up Artistry", ("160 jam", "160 hours")), ("certification", "Sertifikasi Penata Rambut (BNSP)", "Hairdresser certification (BNSP)", None)]),
 ("pengasuh-anak", "Pengasuh anak", "Child care worker",
  "Mengasuh dan mengawasi anak di tempat penitipan anak atau keluarga.", "Looks after and supervises children at day-care centres or in families.",
  "mengasuh, bermain dan mengajar anak", "caring for, playing with and teaching children",
  ["5311"], (2, 2, 4, 7, 2, 3), "SAC", "SMA", 2, [("verbal", "cukup")], ["komunikasi", "pengelolaan_diri", "k3"], ["perawatan", "pendidikan"],
  ["tuli", "daksa"], [("blk", "Pengasuh Anak (Baby Sitter)", "Child Care", ("160 jam", "160 hours")), ("certification", "Sertifikasi Pengasuh Anak (BNSP)", "Child carer certification (BNSP)", None)]),
 ("pendamping-lansia", "Pendamping lansia dan perawat pribadi", "Elderly and personal care worker",
  "Membantu orang lanjut usia atau sakit sehari-hari di rumah, panti atau rumah sakit.", "Helps older or sick people with daily life at home, in care homes or hospitals.",
  "merawat dan menemani orang yang membutuhkan", "caring for and keeping company with people who need it",
  ["5322", "5321"], (4, 3, 2, 7, 2, 3), "SRC", "SMA", 2, [("verbal", "cukup")], ["komunikasi", "k3", "pengelolaan_diri"], ["perawatan", "kesehatan"],
  ["tuli"], [("blk", "Perawatan Lansia (Caregiver)", "Elderly Care (Caregiver)", ("320 jam", "320 hours")), ("certification", "Sertifikasi Caregiver (BNSP)", "Caregiver certification (BNSP)", None)]),
 ("asisten-apoteker", "Asisten tenaga kefarmasian", "Pharmacy assistant",
  "Menyiapkan obat sesuai resep, mengatur stok dan melayani pasien di apotek.", "Prepares medicines from prescriptions, keeps stock and serves patients in a pharmacy.",
  "menyiapkan obat dengan teliti dan melayani pasien", "preparing medicines carefully and serving patients",
  ["3213"], (3, 5, 2, 5, 3, 6), "CIS", "SMK", 3, [("klerikal", "baik"), ("numerik", "cukup")], ["kebiasaan_kerja", "layanan_pelanggan"], ["kesehatan", "ritel"],
  ["tuli", "daksa"], [("course", "SMK Farmasi atau D3 Farmasi", "Pharmacy vocational school or diploma", ("3 tahun", "3 years")), ("certification", "Surat Tanda Registrasi Tenaga Teknis Kefarmasian", "Pharmacy technician registration", None)]),
 ("staf-administrasi", "Staf administrasi kantor", "Office administration clerk",
  "Mengetik surat, mengarsip dokumen, mencatat keuangan sederhana dan melayani tamu kantor.", "Types letters, files documents, keeps simple accounts and serves office visitors.",
  "mencatat, mengetik dan merapikan dokumen", "recording, typing and organising documents",
  ["4110", "4311"], (2, 3, 2, 4, 3, 7), "CSI", "SMK", 2, [("klerikal", "baik"), ("verbal", "cukup")], ["digital", "kebiasaan_kerja", "komunikasi"], ["perkantoran", "jasa"],
  ["daksa", "netra", "tuli"], [("blk", "Administrasi Perkantoran", "Office Administration", ("240 jam", "240 hours")), ("certification", "Sertifikasi Operator Komputer (BNSP)", "Computer operator certification (BNSP)", None)]),
 ("operator-data", "Operator entri data", "Data entry operator",
  "Memasukkan dan memeriksa data ke komputer atau aplikasi.", "Enters and checks data in computers or apps.",
  "memasukkan data dengan cepat dan teliti", "entering data quickly and accurately",
  ["4132"], (2, 3, 1, 2, 2, 7), "CIR", "SMA", 2, [("klerikal", "baik")], ["digital", "kebiasaan_kerja"], ["perkantoran", "digital"],
  ["daksa", "netra", "tuli", "psikososial"], [("blk", "Operator Komputer", "Computer Operation", ("160 jam", "160 hours")), ("course", "Kursus Microsoft Excel / Spreadsheet", "Spreadsheet course", ("40 jam", "40 hours"))]),
 ("layanan-pelanggan", "Petugas layanan pelanggan dan call center", "Customer service and call-centre agent",
  "Menjawab pertanyaan dan keluhan pelanggan lewat telepon, chat atau di loket.", "Answers customers' questions and complaints by phone, chat or at a counter.",
  "membantu pelanggan menyelesaikan masalah", "helping customers solve problems",
  ["4222", "4225"], (1, 2, 2, 6, 5, 5), "SEC", "SMA", 2, [("verbal", "baik")], ["komunikasi", "layanan_pelanggan", "digital"], ["jasa", "digital", "perbankan"],
  ["daksa", "netra"], [("blk", "Layanan Pelanggan dan Call Center", "Customer Service and Call Centre", ("120 jam", "120 hours")), ("apprenticeship", "Magang di pusat layanan pelanggan", "Apprenticeship in a customer service centre", ("3 bulan", "3 months"))]),
 ("desainer-grafis", "Desainer grafis", "Graphic designer",
  "Membuat logo, poster, kemasan dan konten visual untuk usaha dan media sosial.", "Creates logos, posters, packaging and visual content for businesses and social media.",
  "mendesain gambar dan tampilan yang menarik", "designing attractive images and layouts",
  ["2166", "3435"], (3, 4, 7, 3, 4, 3), "AIE", "SMK", 3, [("verbal", "cukup")], ["digital", "komunikasi", "pengelolaan_diri"], ["digital", "kreatif"],
  ["tuli", "daksa", "psikososial"], [("blk", "Desain Grafis", "Graphic Design", ("240 jam", "240 hours")), ("course", "Kelas desain untuk UMKM", "Design for small businesses class", ("32 jam", "32 hours"))]),
 ("konten-kreator", "Fotografer dan pembuat video", "Photographer and video maker",
  "Memotret dan membuat video produk, acara dan konten media sosial.", "Photographs and films products, events and social media content.",
  "memotret, merekam dan menyunting video", "photographing, filming and editing",
  ["3431", "3521"], (4, 3, 7, 4, 5, 2), "AER", "SMA", 2, [], ["digital", "komunikasi", "pengelolaan_diri"], ["digital", "kreatif"],
  ["tuli", "daksa"], [("blk", "Fotografi dan Videografi", "Photography and Videography", ("160 jam", "160 hours")), ("course", "Kursus Konten Media Sosial", "Social Media Content course", ("24 jam", "24 hours"))]),
 ("teknisi-komputer", "Teknisi komputer dan jaringan", "Computer and network technician",
  "Merakit, memperbaiki komputer dan ponsel, memasang jaringan dan membantu pengguna.", "Builds and repairs computers and phones, sets up networks and helps users.",
  "mencari kerusakan komputer dan membantu pengguna", "fixing computer problems and helping users",
  ["3512", "7422"], (6, 6, 2, 4, 2, 4), "RIS", "SMK", 3, [("logika", "baik"), ("verbal", "cukup")], ["pemecahan_masalah", "digital", "layanan_pelanggan"], ["digital", "jasa"],
  ["tuli", "daksa", "netra"], [("blk", "Teknisi Komputer dan Jaringan", "Computer and Network Technician", ("320 jam", "320 hours")), ("certification", "Sertifikasi Teknisi Jaringan (BNSP)", "Network technician certification (BNSP)", None)]),
 ("asisten-guru", "Asisten guru dan pendidik PAUD", "Teacher's aide and early-years assistant",
  "Membantu guru di PAUD atau sekolah: menyiapkan alat, mendampingi anak dan kegiatan belajar.", "Helps teachers in preschools or schools: preparing materials, supporting children and activities.",
  "mendampingi anak belajar dan bermain", "supporting children's learning and play",
  ["5312"], (2, 3, 5, 7, 3, 3), "SAI", "SMA", 2, [("verbal", "baik")], ["komunikasi", "kerja_sama", "pengelolaan_diri"], ["pendidikan"],
  ["tuli", "daksa", "netra"], [("course", "Diklat Dasar Pendidik PAUD", "Basic early-childhood educator training", ("48 jam", "48 hours")), ("apprenticeship", "Magang di PAUD atau sekolah", "Apprenticeship in a preschool or school", ("3 bulan", "3 months"))]),
 ("usaha-kuliner", "Wirausaha kuliner", "Food business owner",
  "Membuka warung makan, jajanan atau katering kecil sendiri atau bersama keluarga.", "Runs an own food stall, snack business or small catering, alone or with family.",
  "memasak, berjualan dan mengatur usaha", "cooking, selling and running a business",
  ["5212", "5120"], (4, 2, 4, 4, 7, 4), "ERA", "SD", 2, [("numerik", "cukup")], ["pengelolaan_diri", "layanan_pelanggan", "digital"], ["kuliner", "usaha_mikro"],
  ["tuli", "daksa", "intelektual", "psikososial"], [("blk", "Kewirausahaan Kuliner", "Food Entrepreneurship", ("120 jam", "120 hours")), ("mentoring", "Pendampingan UMKM dan izin usaha (NIB, PIRT, halal)", "Small-business mentoring and permits (NIB, PIRT, halal)", None)]),
 ("usaha-toko", "Wirausaha toko dan jasa kecil", "Small shop and service business owner",
  "Membuka toko kelontong, konter pulsa, laundry atau jasa kecil lain.", "Runs a grocery stall, phone-credit counter, laundry or other small service.",
  "berjualan, mengatur stok dan mencatat keuangan usaha", "selling, managing stock and keeping business accounts",
  ["5221", "8157"], (3, 2, 2, 5, 7, 6), "ECS", "SMP", 2, [("numerik", "cukup")], ["pengelolaan_diri", "layanan_pelanggan", "digital"], ["ritel", "jasa", "usaha_mikro"],
  ["tuli", "daksa", "netra", "intelektual", "psikososial"], [("mentoring", "Pendampingan UMKM dan pembukuan", "Small-business mentoring and bookkeeping", None), ("course", "Kursus Keuangan Usaha Mikro", "Micro-business finance course", ("24 jam", "24 hours"))]),
 ("pemandu-wisata", "Pemandu wisata desa", "Village tourism guide",
  "Memandu tamu di desa wisata, menjelaskan budaya, alam dan kerajinan setempat.", "Guides visitors in tourist villages and explains local culture, nature and crafts.",
  "bercerita dan melayani tamu", "telling stories and hosting visitors",
  ["5113"], (3, 3, 4, 7, 5, 2), "SEA", "SMA", 2, [("verbal", "baik")], ["komunikasi", "layanan_pelanggan"], ["pariwisata"],
  ["daksa", "tuli"], [("blk", "Pemandu Wisata", "Tour Guiding", ("120 jam", "120 hours")), ("certification", "Sertifikasi Pemandu Wisata (BNSP)", "Tour guide certification (BNSP)", None)]),
 ("satpam", "Satuan pengamanan (satpam)", "Security guard",
  "Menjaga keamanan gedung, pabrik atau kompleks, memeriksa tamu dan berpatroli.", "Keeps buildings, factories or estates safe, checks visitors and patrols.",
  "menjaga keamanan dan melayani tamu", "keeping places safe and dealing with visitors",
  ["5414"], (5, 2, 1, 5, 4, 4), "RSE", "SMA", 2, [], ["komunikasi", "k3", "kebiasaan_kerja"], ["jasa", "manufaktur", "ritel"],
  ["tuli"], [("course", "Pelatihan Gada Pratama", "Gada Pratama security training", ("232 jam", "232 hours")), ("certification", "Kartu Tanda Anggota Satpam", "Security guard licence", None)]),
]

SCHOOL = ["SD", "SMP", "SMA", "SMK"]

out = []
w = out.append
w("""# Katalog Kelompok Pekerjaan — the job-family catalogue of assess.
#
# Job families of the Central Java labour market with what each asks and
# the training that leads to it. Generated from
# instruments/src/job_families.py; format in docs/catalog-format.md.
#
# Status: provisional. ISCO-08 codes come from the ILO list; interest
# levels were set by the project team by analogy with O*NET interest
# profiles of comparable occupations, not measured on Indonesian jobs;
# training routes name typical BLK programmes and certifications and must
# be checked against each district's current offer.
format = 1

[catalog]
id = "job-families-jateng"
version = "0.1.0"
languages = ["id", "en"]
status = "provisional"
source = "Written for this project in 2026 from the sectors of the Central Java labour market named by the programme; not yet reviewed with employers or BLKs."
interest_source = "Levels 1-7 per RIASEC type set by the project team by analogy with O*NET interest profiles of comparable occupations; not measured on Indonesian jobs."
licence = "CC-BY-4.0"
""")
w("title = " + t("Katalog Kelompok Pekerjaan Jawa Tengah", "Central Java Job-Family Catalogue"))
for (fid, ni, ne, di, de, ai, ae, isco, lv, code, school, zone, apt, ready, sectors, acc, training) in F:
    w(f"""
[[families]]
id = "{fid}"
name = {t(ni, ne)}
description = {t(di, de)}
activities = {t(ai, ae)}
isco = [{", ".join(q(c) for c in isco)}]
interests = {{ R = {lv[0]}, I = {lv[1]}, A = {lv[2]}, S = {lv[3]}, E = {lv[4]}, C = {lv[5]} }}
code = "{code}"
schooling = "{school}"
zone = {zone}""")
    if apt:
        w("aptitude = [" + ", ".join(f'{{ domain = "{d}", min_band = "{b}" }}' for d, b in apt) + "]")
    if ready:
        w("readiness = [" + ", ".join(q(r) for r in ready) + "]")
    w("sectors = [" + ", ".join(q(s) for s in sectors) + "]")
    acc_id = " ".join(ACC[a][0] for a in acc)
    acc_en = " ".join(ACC[a][1] for a in acc)
    w("accessibility = " + t(acc_id, acc_en))
    w("accommodations_for = [" + ", ".join(q(a) for a in acc) + "]")
    w("training = [")
    for kind, tni, tne, dur in training:
        d = f', duration = {t(*dur)}' if dur else ""
        w(f'  {{ kind = "{kind}", name = {t(tni, tne)}{d} }},')
    w("]")
print("\n".join(out))
print(len(F), file=sys.stderr)
