const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/progress-CotBQeGm.js","assets/records-BJu_LZHJ.js","assets/progress-Saz_VHki.css","assets/exercise-BxJ6t5Tn.js","assets/setlog-Dt60nFvj.js","assets/day-BqclnGbm.js"])))=>i.map(i=>d[i]);
(function(){const e=document.createElement("link").relList;if(e&&e.supports&&e.supports("modulepreload"))return;for(const i of document.querySelectorAll('link[rel="modulepreload"]'))n(i);new MutationObserver(i=>{for(const r of i)if(r.type==="childList")for(const l of r.addedNodes)l.tagName==="LINK"&&l.rel==="modulepreload"&&n(l)}).observe(document,{childList:!0,subtree:!0});function t(i){const r={};return i.integrity&&(r.integrity=i.integrity),i.referrerPolicy&&(r.referrerPolicy=i.referrerPolicy),i.crossOrigin==="use-credentials"?r.credentials="include":i.crossOrigin==="anonymous"?r.credentials="omit":r.credentials="same-origin",r}function n(i){if(i.ep)return;i.ep=!0;const r=t(i);fetch(i.href,r)}})();const yt="modulepreload",Et=function(s){return"/"+s},Re={},U=function(e,t,n){let i=Promise.resolve();if(t&&t.length>0){let u=function(f){return Promise.all(f.map(g=>Promise.resolve(g).then(p=>({status:"fulfilled",value:p}),p=>({status:"rejected",reason:p}))))};document.getElementsByTagName("link");const l=document.querySelector("meta[property=csp-nonce]"),c=l?.nonce||l?.getAttribute("nonce");i=u(t.map(f=>{if(f=Et(f),f in Re)return;Re[f]=!0;const g=f.endsWith(".css"),p=g?'[rel="stylesheet"]':"";if(document.querySelector(`link[href="${f}"]${p}`))return;const _=document.createElement("link");if(_.rel=g?"stylesheet":yt,g||(_.as="script"),_.crossOrigin="",_.href=f,c&&_.setAttribute("nonce",c),document.head.appendChild(_),g)return new Promise((w,H)=>{_.addEventListener("load",w),_.addEventListener("error",()=>H(new Error(`Unable to preload CSS for ${f}`)))})}))}function r(l){const c=new Event("vite:preloadError",{cancelable:!0});if(c.payload=l,window.dispatchEvent(c),!c.defaultPrevented)throw l}return i.then(l=>{for(const c of l||[])c.status==="rejected"&&r(c.reason);return e().catch(r)})};const be=globalThis,Ce=s=>s,ie=be.trustedTypes,Pe=ie?ie.createPolicy("lit-html",{createHTML:s=>s}):void 0,Xe="$lit$",S=`lit$${Math.random().toFixed(9).slice(2)}$`,Ze="?"+S,bt=`<${Ze}>`,x=document,K=()=>x.createComment(""),Y=s=>s===null||typeof s!="object"&&typeof s!="function",ke=Array.isArray,kt=s=>ke(s)||typeof s?.[Symbol.iterator]=="function",ce=`[ 	
\f\r]`,q=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Oe=/-->/g,xe=/>/g,I=RegExp(`>|${ce}(?:([^\\s"'>=/]+)(${ce}*=${ce}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),De=/'/g,He=/"/g,et=/^(?:script|style|textarea|title)$/i,tt=s=>(e,...t)=>({_$litType$:s,strings:e,values:t}),o=tt(1),y=tt(2),J=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Me=new WeakMap,R=x.createTreeWalker(x,129);function st(s,e){if(!ke(s)||!s.hasOwnProperty("raw"))throw Error("invalid template strings array");return Pe!==void 0?Pe.createHTML(e):e}const wt=(s,e)=>{const t=s.length-1,n=[];let i,r=e===2?"<svg>":e===3?"<math>":"",l=q;for(let c=0;c<t;c++){const u=s[c];let f,g,p=-1,_=0;for(;_<u.length&&(l.lastIndex=_,g=l.exec(u),g!==null);)_=l.lastIndex,l===q?g[1]==="!--"?l=Oe:g[1]!==void 0?l=xe:g[2]!==void 0?(et.test(g[2])&&(i=RegExp("</"+g[2],"g")),l=I):g[3]!==void 0&&(l=I):l===I?g[0]===">"?(l=i??q,p=-1):g[1]===void 0?p=-2:(p=l.lastIndex-g[2].length,f=g[1],l=g[3]===void 0?I:g[3]==='"'?He:De):l===He||l===De?l=I:l===Oe||l===xe?l=q:(l=I,i=void 0);const w=l===I&&s[c+1].startsWith("/>")?" ":"";r+=l===q?u+bt:p>=0?(n.push(f),u.slice(0,p)+Xe+u.slice(p)+S+w):u+S+(p===-2?c:w)}return[st(s,r+(s[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),n]};class z{constructor({strings:e,_$litType$:t},n){let i;this.parts=[];let r=0,l=0;const c=e.length-1,u=this.parts,[f,g]=wt(e,t);if(this.el=z.createElement(f,n),R.currentNode=this.el.content,t===2||t===3){const p=this.el.content.firstChild;p.replaceWith(...p.childNodes)}for(;(i=R.nextNode())!==null&&u.length<c;){if(i.nodeType===1){if(i.hasAttributes())for(const p of i.getAttributeNames())if(p.endsWith(Xe)){const _=g[l++],w=i.getAttribute(p).split(S),H=/([.?@])?(.*)/.exec(_);u.push({type:1,index:r,name:H[2],strings:w,ctor:H[1]==="."?Tt:H[1]==="?"?St:H[1]==="@"?At:oe}),i.removeAttribute(p)}else p.startsWith(S)&&(u.push({type:6,index:r}),i.removeAttribute(p));if(et.test(i.tagName)){const p=i.textContent.split(S),_=p.length-1;if(_>0){i.textContent=ie?ie.emptyScript:"";for(let w=0;w<_;w++)i.append(p[w],K()),R.nextNode(),u.push({type:2,index:++r});i.append(p[_],K())}}}else if(i.nodeType===8)if(i.data===Ze)u.push({type:2,index:r});else{let p=-1;for(;(p=i.data.indexOf(S,p+1))!==-1;)u.push({type:7,index:r}),p+=S.length-1}r++}}static createElement(e,t){const n=x.createElement("template");return n.innerHTML=e,n}}function B(s,e,t=s,n){if(e===J)return e;let i=n!==void 0?t._$Co?.[n]:t._$Cl;const r=Y(e)?void 0:e._$litDirective$;return i?.constructor!==r&&(i?._$AO?.(!1),r===void 0?i=void 0:(i=new r(s),i._$AT(s,t,n)),n!==void 0?(t._$Co??=[])[n]=i:t._$Cl=i),i!==void 0&&(e=B(s,i._$AS(s,e.values),i,n)),e}class Nt{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){const{el:{content:t},parts:n}=this._$AD,i=(e?.creationScope??x).importNode(t,!0);R.currentNode=i;let r=R.nextNode(),l=0,c=0,u=n[0];for(;u!==void 0;){if(l===u.index){let f;u.type===2?f=new Z(r,r.nextSibling,this,e):u.type===1?f=new u.ctor(r,u.name,u.strings,this,e):u.type===6&&(f=new It(r,this,e)),this._$AV.push(f),u=n[++c]}l!==u?.index&&(r=R.nextNode(),l++)}return R.currentNode=x,i}p(e){let t=0;for(const n of this._$AV)n!==void 0&&(n.strings!==void 0?(n._$AI(e,n,t),t+=n.strings.length-2):n._$AI(e[t])),t++}}class Z{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,i){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode;const t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=B(this,e,t),Y(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==J&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):kt(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&Y(this._$AH)?this._$AA.nextSibling.data=e:this.T(x.createTextNode(e)),this._$AH=e}$(e){const{values:t,_$litType$:n}=e,i=typeof n=="number"?this._$AC(e):(n.el===void 0&&(n.el=z.createElement(st(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===i)this._$AH.p(t);else{const r=new Nt(i,this),l=r.u(this.options);r.p(t),this.T(l),this._$AH=r}}_$AC(e){let t=Me.get(e.strings);return t===void 0&&Me.set(e.strings,t=new z(e)),t}k(e){ke(this._$AH)||(this._$AH=[],this._$AR());const t=this._$AH;let n,i=0;for(const r of e)i===t.length?t.push(n=new Z(this.O(K()),this.O(K()),this,this.options)):n=t[i],n._$AI(r),i++;i<t.length&&(this._$AR(n&&n._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){const n=Ce(e).nextSibling;Ce(e).remove(),e=n}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}}class oe{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,i,r){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=r,n.length>2||n[0]!==""||n[1]!==""?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=d}_$AI(e,t=this,n,i){const r=this.strings;let l=!1;if(r===void 0)e=B(this,e,t,0),l=!Y(e)||e!==this._$AH&&e!==J,l&&(this._$AH=e);else{const c=e;let u,f;for(e=r[0],u=0;u<r.length-1;u++)f=B(this,c[n+u],t,u),f===J&&(f=this._$AH[u]),l||=!Y(f)||f!==this._$AH[u],f===d?e=d:e!==d&&(e+=(f??"")+r[u+1]),this._$AH[u]=f}l&&!i&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}}class Tt extends oe{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}}class St extends oe{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}}class At extends oe{constructor(e,t,n,i,r){super(e,t,n,i,r),this.type=5}_$AI(e,t=this){if((e=B(this,e,t,0)??d)===J)return;const n=this._$AH,i=e===d&&n!==d||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,r=e!==d&&(n===d||i);i&&this.element.removeEventListener(this.name,this,n),r&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}}class It{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){B(this,e)}}const Lt=be.litHtmlPolyfillSupport;Lt?.(z,Z),(be.litHtmlVersions??=[]).push("3.3.3");const Rt=(s,e,t)=>{const n=e;let i=n._$litPart$;return i===void 0&&(n._$litPart$=i=new Z(e.insertBefore(K(),null),null,void 0,{})),i._$AI(s),i};class b extends Error{constructor(e,t,n,i=[],r=""){super(n),this.status=e,this.code=t,this.violations=i,this.requestId=r,this.name="ApiError"}status;code;violations;requestId}let $e="";function we(s){$e=s}async function v(s,e,t){const n={Accept:"application/json"};t!==void 0&&(n["Content-Type"]="application/json"),$e&&e.startsWith("/v1/")&&(n.Authorization=`Bearer ${$e}`);let i;try{i=await fetch(e,{method:s,headers:n,body:t===void 0?void 0:JSON.stringify(t)})}catch(c){throw new b(0,"UNAVAILABLE",c instanceof Error?c.message:String(c))}const r=await i.text();let l;if(r)try{l=JSON.parse(r)}catch{l=void 0}if(!i.ok){const c=l??{};throw new b(i.status,c.code??`HTTP_${i.status}`,c.message??(r.trim()||i.statusText),Array.isArray(c.violations)?c.violations:[],c.requestId??i.headers.get("X-Request-Id")??"")}return l}const L=s=>`/v1/me/plans/${encodeURIComponent(s)}`,se=(s,e,t)=>`${L(s)}/weeks/${e}/days/${t}`,We=(s,e,t,n)=>`${se(s,e,t)}/exercises/${encodeURIComponent(n)}`,E={devToken:s=>v("POST","/dev/token",s?{sub:s}:{}),getProfile:()=>v("GET","/v1/me/profile"),putProfile:s=>v("PUT","/v1/me/profile",s),createPlan:s=>v("POST","/v1/me/plans",{requestId:s}),listPlans:()=>v("GET","/v1/me/plans?page_size=100"),getPlan:s=>v("GET",`/v1/me/plans/${encodeURIComponent(s)}`),getWorkout:(s,e,t)=>v("GET",se(s,e,t)),startWorkout:(s,e,t)=>v("POST",`${se(s,e,t)}:start`,{}),completeWorkout:(s,e,t,n)=>v("POST",`${se(s,e,t)}:complete`,n),listExercises:()=>v("GET","/v1/exercises?page_size=500"),listSessions:(s="")=>v("GET",`/v1/me/sessions?page_size=100${s?"&page_token="+encodeURIComponent(s):""}`),exerciseHistory:s=>v("GET",`/v1/me/exercises/${encodeURIComponent(s)}/history?page_size=50`),progress:s=>v("GET",`${L(s)}/progress`),adapt:(s,e)=>v("POST",`${L(s)}/weeks/${e}:adapt`,{}),revisions:s=>v("GET",`${L(s)}/revisions`),revert:(s,e)=>v("POST",`${L(s)}:revert`,{current:e}),swapOptions:(s,e,t,n)=>v("GET",`${We(s,e,t,n)}/alternatives`),swap:(s,e,t,n,i)=>v("POST",`${We(s,e,t,n)}:swap`,i),report:(s,e)=>v("GET",e>0?`${L(s)}/weeks/${e}/report`:`${L(s)}/report`)};function Ct(s,e=[]){let t=s.replace(/\[(\d+)\]/g,".$1").replace(/\["?([^"\]]*)"?\]/g,".$1").split(".").filter(Boolean).map(n=>n.replace(/_([a-z0-9])/g,(i,r)=>r.toUpperCase()));for(;t.length>1&&e.includes(t[0]);)t=t.slice(1);return t.join(".")}function nt(s,e=[],t=n=>n){const n=new Map;for(const i of s){const r=Ct(i.field||"",e),l=n.get(r)??[];l.push(t(i.message||i.rule||"invalid")),n.set(r,l)}return n}function Ve(s){return s==null||s===""?0:typeof s=="number"?s:Number(s)}const Ne={appTagline:"Your AI fitness coach",langName:"English",signInTitle:"Train with a plan made for you",signInLead:"Tell fitcoach your goal, level and equipment. It builds a multi-week plan and coaches every workout with video.",demoTitle:"Try it now",demoLead:"Create a demo person on this server — no account needed.",demoName:"Name (optional)",demoNameHint:"Letters, digits and _.@- ; empty picks a random demo name.",demoButton:"Start with a demo account",demoUnavailable:"Demo sign-in is only available when the server runs `fitcoach dev`. Paste a token instead.",tokenTitle:"Sign in with a token",tokenLead:"Paste the bearer token from your identity provider (or from `fitcoach token`).",tokenLabel:"Bearer token",tokenButton:"Sign in",tokenEmpty:"Paste a token first.",tokenRejected:"This token was not accepted: ",signOut:"Sign out",signOutConfirm:"Sign out of fitcoach on this device?",sessionExpired:"Your session has expired. Please sign in again.",navPlans:"My plans",navProfile:"Profile",onboardTitle:"Tell us about you",onboardLead:"A few answers and fitcoach builds your plan. You can change them any time.",profileTitle:"Your profile",profileLead:"Change your answers; new plans follow them.",goal:"Your goal",goalHint:"In your own words, e.g. “lose 5 kg and feel stronger”.",goalPlaceholder:"Get stronger and run 5 km without stopping",fitnessLevel:"Fitness level",FITNESS_LEVEL_BEGINNER:"Beginner",FITNESS_LEVEL_INTERMEDIATE:"Intermediate",FITNESS_LEVEL_ADVANCED:"Advanced",FITNESS_LEVEL_BEGINNER_hint:"New or returning to training",FITNESS_LEVEL_INTERMEDIATE_hint:"Training regularly for months",FITNESS_LEVEL_ADVANCED_hint:"Years of structured training",equipment:"Equipment you have",equipmentHint:"Bodyweight exercises are always included.",eq_dumbbell:"Dumbbells",eq_kettlebell:"Kettlebell",eq_barbell:"Barbell",eq_band:"Resistance band",eq_machine:"Gym machines",eq_pullup_bar:"Pull-up bar",eq_bench:"Bench",daysPerWeek:"Days per week",daysPerWeekHint:"2 to 6 training days",durationWeeks:"Plan length, weeks",durationWeeksHint:"4 to 12 weeks",sessionMinutes:"Minutes per session",sessionMinutesHint:"15 to 180 minutes",limitations:"Injuries or limitations",limitationsHint:"Optional. The plan avoids what hurts.",limitationsPlaceholder:"e.g. sore left knee, no jumping",archetype:"Your coach",ARCHETYPE_MENTOR:"Mentor",ARCHETYPE_PROFESSIONAL:"Professional",ARCHETYPE_PEER:"Training buddy",ARCHETYPE_MENTOR_hint:"Warm, patient, explains why",ARCHETYPE_PROFESSIONAL_hint:"Precise, structured, to the point",ARCHETYPE_PEER_hint:"Casual, upbeat, trains alongside you",locale:"Language",saveProfile:"Save and continue",saveChanges:"Save changes",saving:"Saving…",saved:"Saved.",fixFields:"Please fix the highlighted fields.",plansTitle:"My plans",noPlansTitle:"Ready for your plan",noPlansLead:"fitcoach will build a plan from your profile using only exercises it can show you on video.",generate:"Generate my plan",generateAnother:"Generate a new plan",generating:"Building your plan…",generatingLead:"Choosing exercises, checking every rule, laying out your weeks. This can take up to a minute.",weeksCount:"{n} weeks",createdAt:"Created {d}",open:"Open",week:"Week {n}",day:"Day {n}",dayShort:"D{n}",restDay:"Rest day",restDayLead:"Recover: sleep, walk, stretch. Muscles grow between workouts.",exercisesCount:"{n} exercises",setsReps:"{s} × {r}",rest:"rest {t}",restSecondsLabel:"Rest",done:"Done",nextUp:"Next up",howMade:"How this plan was made",provider:"Planner",provider_openai:"AI model",provider_builtin:"Built-in planner",model:"Model",attempts:"AI attempts",substitutions:"Substitutions",substitutionsNone:"none",substitutionLine:"Week {w}, day {d}: {from} → {to}",fallbackReason:"Fallback reason",promptVersion:"Prompt version",generationTime:"Generation time",tokens:"Tokens",notes:"Coach notes",backToPlan:"Back to plan",focus:"Focus",confidenceTask:"Today’s confidence task",startWorkout:"Start workout",restartWorkout:"Start again",starting:"Loading your videos…",completedBadge:"Completed",completedOn:"Completed {d}",effortValue:"Effort {n}/10",exercise:"Exercise",sets:"Sets",reps:"Reps",time:"Time",nowPlaying:"Now playing",upNext:"Up next",playlist:"Playlist",clipOf:"Clip {i} of {n}",prev:"Previous",next:"Next",playlistEmpty:"No videos for this workout right now — follow the exercise list below.",missingClips:"Some videos are missing: {list}",finished:"That’s the whole playlist. Log your workout below.",setProgress:"Set {i} of {n}",setDone:"Set {i}/{n} done",allSetsDone:"All sets done",restTimer:"Rest timer",restNow:"Rest",skipRest:"Skip rest",startRest:"Start rest {t}",restOver:"Rest over — next set!",kind_CLIP_KIND_INTRO:"Intro",kind_CLIP_KIND_TECHNIQUE:"Technique",kind_CLIP_KIND_INSTRUCTION:"Instruction",kind_CLIP_KIND_MISTAKE:"Common mistakes",kind_CLIP_KIND_WEEKLY_MOTIVATION:"Motivation",kind_CLIP_KIND_REST_DAY:"Rest day",kind_CLIP_KIND_CLOSING:"Closing",videoError:"This video could not be played; skipping to the next one.",completeTitle:"Complete workout",completeLead:"Log what you did; it shapes your next workouts.",setsDone:"Sets done",repsDone:"Reps per set",repsDoneHint:"Comma-separated, e.g. 12, 10, 8",effort:"How hard was it? (1–10)",effortLow:"Easy",effortHigh:"Max effort",effortRequired:"Pick how hard it felt, from 1 to 10.",workoutNotes:"Notes",workoutNotesPlaceholder:"How did it go? Anything to adjust?",complete:"Complete workout",completing:"Saving…",completedTitle:"Workout done!",completedLead:"Great work. It’s logged — see you next session.",editLog:"Edit log",block_warmup:"Warm-up",block_main:"Main",block_accessory:"Accessories",block_conditioning:"Conditioning",block_cooldown:"Cool-down",span_s:"{n} s",span_min:"{n} min",span_min_s:"{m} min {s} s",km:"{n} km",meters:"{n} m",rpe:"RPE {n}",rpeTitle:"Rate of perceived exertion, 1–10: how hard it should feel",rir_one:"{n} rep in reserve",rir_other:"{n} reps in reserve",rounds_one:"{n} round",rounds_other:"{n} rounds",intervals:"{rounds}: {work} work / {recovery} recovery",exercises_one:"{n} exercise",exercises_other:"{n} exercises",weeks_one:"{n} week",weeks_other:"{n} weeks",roundsLabel:"Rounds",workLabel:"Work",recoveryLabel:"Recovery",distanceLabel:"Distance",effortTarget:"Effort",roundsDone:"Rounds done",secondsDone:"Seconds per set",secondsDoneHint:"Comma-separated, e.g. 40, 35",minutesDone:"Minutes",kmDone:"Distance, km (optional)",markDone:"Mark done",loggedTitle:"Logged",objectives:"What do you train for?",objectivesHint:"Pick the main one first, then up to 2 more. Empty: read from your goal.",charCount:"{n}/{max}",queued:"Saved on this device. It will be sent when you are back online.",nextExercise:"Next exercise",holdNow:"Hold",holdDone:"Done",startHold:"Start {t}",resumed:"Picked up where you left off: your ticked sets and log are back.",offline:"You seem to be offline. Check your connection and try again.",recoveryTitle:"Recovery day",recovery1:"An easy 20–30 minute walk",recovery2:"5–10 minutes of gentle stretching",recovery3:"7–9 hours of sleep and enough water",recoveryVideo:"Rest-day video",primary:"main",makePrimary:"Make {o} the main one",OBJECTIVE_ENDURANCE:"Endurance",OBJECTIVE_STRENGTH:"Strength",OBJECTIVE_HYPERTROPHY:"Muscle",OBJECTIVE_FAT_LOSS:"Fat loss",OBJECTIVE_MOBILITY:"Mobility",OBJECTIVE_GENERAL_HEALTH:"General health",injuries:"Joints to spare",injuriesHint:"Exercises that load them are left out.",JOINT_KNEES:"Knees",JOINT_LOWER_BACK:"Lower back",JOINT_SHOULDERS:"Shoulders",JOINT_WRISTS:"Wrists",JOINT_HIPS:"Hips",JOINT_ANKLES:"Ankles",JOINT_NECK:"Neck",loading:"Loading…",retry:"Try again",errorTitle:"Something went wrong",notFound:"Not found",notFoundLead:"This page does not exist or is not yours.",home:"Home",requestId:"request {id}",seconds:"{n} s",minutes:"{n} min",minSec:"{m}:{s}",quoted:"“{s}”",logWorkout:"Log this workout",kgTimesReps:"{kg} kg × {r}",kgValue:"{n} kg",repsN_one:"{n} rep",repsN_other:"{n} reps",setsN_one:"{n} set",setsN_other:"{n} sets",skipped:"skipped",rpeShort:"RPE",rirShort:"RIR",kgShort:"kg",repsShort:"reps",secShort:"sec",minShort:"min",kmShort:"km",setN:"Set {n}",setField:"Set {n}, {what}",setsOf:"Sets of {name}",setDoneN:"Set {n} done",setSkipN:"Set {n} skipped",addSet:"Add a set",addRound:"Add a round",painToggle:"It hurt (pain, not effort)",painNote:"Where and how (optional)",painNotePlaceholder:"e.g. sharp pain in the left knee at the bottom",notANumber:"Enter numbers only, e.g. 42.5",lastTime:"Last time:",suggested:"Today:",hurt:"hurt",useSuggestion:"Fill in today's numbers",action_SUGGESTION_ACTION_HOLD:"same again",action_SUGGESTION_ACTION_PROGRESS:"step up",action_SUGGESTION_ACTION_REDUCE:"ease off",adaptingNext:"That was the week's last session: your coach is adapting week {n}.",seeChanges:"See what changed",historyShort:"History",historyOf:"History of {name}",swap:"Swap",swapOf:"Swap {name}",swapLoading:"Finding alternatives…",swapNone:"No alternative fits your equipment and injuries for this one.",swapChoose:"Replace it with",swapLater:"Also in the weeks after",swapMore:"{n} more",swapConfirm:"Swap it",swappedTo:"{from} is now {to}.",cancel:"Cancel",pendingLead:"Your plan is being made. You can leave this page: it keeps going, and the plan appears in My plans.",pendingFor:"Working for {t}",planFailed:"The plan could not be made",planFailedLead:"Something went wrong while making it. Try once more; your answers are kept.",generateAgain:"Try again",planPendingBadge:"Being made…",planFailedBadge:"Failed",planLinks:"About this plan",progress:"Progress",report:"Coach's report",history:"History",adaptingWait:"Your coach is adapting week {n} from your logs…",changedAdapt:"What changed after week {n}, and why",changedSwap:"Your swap",changedRevert:"Version {n} undone",changedTitle:"What changed",revisionN:"Version {n}",deloadWeek:"Lighter week ahead",change_CHANGE_ACTION_KEEP:"Same",change_CHANGE_ACTION_PROGRESS:"Step up",change_CHANGE_ACTION_REGRESS:"Easier",change_CHANGE_ACTION_SWAP:"Swapped",change_CHANGE_ACTION_DELOAD:"Lighter",fromWeek:"from week {n}",becomes:"becomes",why:"Why:",undo:"Undo this change",adaptOffer:"Every session of week {w} is logged. Your coach can fit week {n} to how it went.",adaptNow:"Adapt week {n} now",undone:"Done: the plan is back to how it was before.",undoStale:"The plan changed since you opened this page. Reload it to see the latest version first."},Pt={appTagline:"Ваш ИИ-тренер",langName:"Русский",signInTitle:"Тренируйтесь по плану, созданному для вас",signInLead:"Расскажите fitcoach о цели, уровне и инвентаре. Он составит план на несколько недель и проведёт каждую тренировку с видео.",demoTitle:"Попробовать сейчас",demoLead:"Создайте демо-пользователя на этом сервере — без регистрации.",demoName:"Имя (необязательно)",demoNameHint:"Латиница, цифры и _.@- ; пусто — случайное демо-имя.",demoButton:"Войти с демо-аккаунтом",demoUnavailable:"Демо-вход доступен, только когда сервер запущен как `fitcoach dev`. Вставьте токен.",tokenTitle:"Вход по токену",tokenLead:"Вставьте bearer-токен от провайдера входа (или из `fitcoach token`).",tokenLabel:"Bearer-токен",tokenButton:"Войти",tokenEmpty:"Сначала вставьте токен.",tokenRejected:"Токен не принят: ",signOut:"Выйти",signOutConfirm:"Выйти из fitcoach на этом устройстве?",sessionExpired:"Сессия истекла. Войдите снова.",navPlans:"Мои планы",navProfile:"Профиль",onboardTitle:"Расскажите о себе",onboardLead:"Несколько ответов — и fitcoach составит план. Изменить их можно в любой момент.",profileTitle:"Ваш профиль",profileLead:"Измените ответы; новые планы будут их учитывать.",goal:"Ваша цель",goalHint:"Своими словами, например «сбросить 5 кг и стать сильнее».",goalPlaceholder:"Стать сильнее и пробежать 5 км без остановки",fitnessLevel:"Уровень подготовки",FITNESS_LEVEL_BEGINNER:"Начинающий",FITNESS_LEVEL_INTERMEDIATE:"Средний",FITNESS_LEVEL_ADVANCED:"Продвинутый",FITNESS_LEVEL_BEGINNER_hint:"Только начинаю или возвращаюсь",FITNESS_LEVEL_INTERMEDIATE_hint:"Тренируюсь регулярно несколько месяцев",FITNESS_LEVEL_ADVANCED_hint:"Годы системных тренировок",equipment:"Ваш инвентарь",equipmentHint:"Упражнения с собственным весом есть всегда.",eq_dumbbell:"Гантели",eq_kettlebell:"Гиря",eq_barbell:"Штанга",eq_band:"Эспандер-лента",eq_machine:"Тренажёры",eq_pullup_bar:"Турник",eq_bench:"Скамья",daysPerWeek:"Дней в неделю",daysPerWeekHint:"От 2 до 6 тренировочных дней",durationWeeks:"Длительность плана, недель",durationWeeksHint:"От 4 до 12 недель",sessionMinutes:"Минут на тренировку",sessionMinutesHint:"От 15 до 180 минут",limitations:"Травмы и ограничения",limitationsHint:"Необязательно. План обойдёт то, что болит.",limitationsPlaceholder:"например, болит левое колено, без прыжков",archetype:"Ваш тренер",ARCHETYPE_MENTOR:"Наставник",ARCHETYPE_PROFESSIONAL:"Профессионал",ARCHETYPE_PEER:"Напарник",ARCHETYPE_MENTOR_hint:"Тёплый, терпеливый, объясняет зачем",ARCHETYPE_PROFESSIONAL_hint:"Точный, структурный, по делу",ARCHETYPE_PEER_hint:"Лёгкий, бодрый, тренируется рядом",locale:"Язык",saveProfile:"Сохранить и продолжить",saveChanges:"Сохранить изменения",saving:"Сохраняем…",saved:"Сохранено.",fixFields:"Исправьте отмеченные поля.",plansTitle:"Мои планы",noPlansTitle:"Всё готово для плана",noPlansLead:"fitcoach составит план по вашему профилю только из упражнений, которые может показать на видео.",generate:"Составить мой план",generateAnother:"Составить новый план",generating:"Составляем план…",generatingLead:"Подбираем упражнения, проверяем каждое правило, раскладываем недели. Это может занять до минуты.",weeksCount:"Недель: {n}",createdAt:"Создан {d}",open:"Открыть",week:"Неделя {n}",day:"День {n}",dayShort:"Д{n}",restDay:"День отдыха",restDayLead:"Восстановление: сон, прогулка, растяжка. Мышцы растут между тренировками.",exercisesCount:"Упражнений: {n}",setsReps:"{s} × {r}",rest:"отдых {t}",restSecondsLabel:"Отдых",done:"Выполнено",nextUp:"Следующая",howMade:"Как составлен план",provider:"Планировщик",provider_openai:"ИИ-модель",provider_builtin:"Встроенный планировщик",model:"Модель",attempts:"Попыток ИИ",substitutions:"Замены",substitutionsNone:"нет",substitutionLine:"Неделя {w}, день {d}: {from} → {to}",fallbackReason:"Причина запасного плана",promptVersion:"Версия промпта",generationTime:"Время составления",tokens:"Токены",notes:"Заметки тренера",backToPlan:"К плану",focus:"Фокус",confidenceTask:"Задание на уверенность",startWorkout:"Начать тренировку",restartWorkout:"Начать заново",starting:"Загружаем видео…",completedBadge:"Выполнено",completedOn:"Выполнено {d}",effortValue:"Нагрузка {n}/10",exercise:"Упражнение",sets:"Подходы",reps:"Повторы",time:"Время",nowPlaying:"Сейчас",upNext:"Далее",playlist:"Плейлист",clipOf:"Видео {i} из {n}",prev:"Назад",next:"Дальше",playlistEmpty:"Видео для этой тренировки сейчас нет — следуйте списку упражнений ниже.",missingClips:"Некоторых видео нет: {list}",finished:"Плейлист закончился. Отметьте тренировку ниже.",setProgress:"Подход {i} из {n}",setDone:"Подход {i}/{n} сделан",allSetsDone:"Все подходы сделаны",restTimer:"Таймер отдыха",restNow:"Отдых",skipRest:"Пропустить отдых",startRest:"Отдых {t}",restOver:"Отдых окончен — следующий подход!",kind_CLIP_KIND_INTRO:"Вступление",kind_CLIP_KIND_TECHNIQUE:"Техника",kind_CLIP_KIND_INSTRUCTION:"Инструкция",kind_CLIP_KIND_MISTAKE:"Частые ошибки",kind_CLIP_KIND_WEEKLY_MOTIVATION:"Мотивация",kind_CLIP_KIND_REST_DAY:"День отдыха",kind_CLIP_KIND_CLOSING:"Завершение",videoError:"Видео не воспроизводится; переходим к следующему.",completeTitle:"Завершить тренировку",completeLead:"Отметьте, что сделали, — это поможет следующим тренировкам.",setsDone:"Сделано подходов",repsDone:"Повторов в подходах",repsDoneHint:"Через запятую, например 12, 10, 8",effort:"Насколько тяжело? (1–10)",effortLow:"Легко",effortHigh:"На пределе",effortRequired:"Выберите, насколько было тяжело, от 1 до 10.",workoutNotes:"Заметки",workoutNotesPlaceholder:"Как прошло? Что поменять?",complete:"Завершить тренировку",completing:"Сохраняем…",completedTitle:"Тренировка выполнена!",completedLead:"Отличная работа. Всё записано — до следующей тренировки.",editLog:"Изменить запись",block_warmup:"Разминка",block_main:"Основная часть",block_accessory:"Дополнительно",block_conditioning:"Кондиционная работа",block_cooldown:"Заминка",span_s:"{n} с",span_min:"{n} мин",span_min_s:"{m} мин {s} с",km:"{n} км",meters:"{n} м",rpe:"RPE {n}",rpeTitle:"Субъективная нагрузка, 1–10: насколько тяжело должно быть",rir_one:"{n} повтор в запасе",rir_other:"{n} повтора в запасе",rir_few:"{n} повтора в запасе",rir_many:"{n} повторов в запасе",rounds_one:"{n} раунд",rounds_few:"{n} раунда",rounds_many:"{n} раундов",rounds_other:"{n} раунда",intervals:"{rounds}: {work} работа / {recovery} восстановление",exercises_one:"{n} упражнение",exercises_few:"{n} упражнения",exercises_many:"{n} упражнений",exercises_other:"{n} упражнения",weeks_one:"{n} неделя",weeks_few:"{n} недели",weeks_many:"{n} недель",weeks_other:"{n} недели",roundsLabel:"Раунды",workLabel:"Работа",recoveryLabel:"Восстановление",distanceLabel:"Дистанция",effortTarget:"Нагрузка",roundsDone:"Сделано раундов",secondsDone:"Секунд в подходах",secondsDoneHint:"Через запятую, например 40, 35",minutesDone:"Минут",kmDone:"Дистанция, км (необязательно)",markDone:"Отметить выполненным",loggedTitle:"Записано",objectives:"Чего вы хотите добиться?",objectivesHint:"Сначала главное, затем ещё до двух. Если пусто — поймём из цели.",charCount:"{n}/{max}",queued:"Сохранено на этом устройстве. Отправим, когда появится связь.",nextExercise:"Следующее упражнение",holdNow:"Держим",holdDone:"Готово",startHold:"Старт {t}",resumed:"Продолжаем с того места, где вы остановились: отмеченные подходы и записи на месте.",offline:"Похоже, нет связи с интернетом. Проверьте подключение и попробуйте снова.",recoveryTitle:"День восстановления",recovery1:"Спокойная прогулка 20–30 минут",recovery2:"5–10 минут мягкой растяжки",recovery3:"7–9 часов сна и достаточно воды",recoveryVideo:"Видео дня отдыха",primary:"главное",makePrimary:"Сделать главным: {o}",OBJECTIVE_ENDURANCE:"Выносливость",OBJECTIVE_STRENGTH:"Сила",OBJECTIVE_HYPERTROPHY:"Мышечная масса",OBJECTIVE_FAT_LOSS:"Снижение веса",OBJECTIVE_MOBILITY:"Подвижность",OBJECTIVE_GENERAL_HEALTH:"Общее здоровье",injuries:"Что беречь",injuriesHint:"Упражнения, которые их нагружают, не попадут в план.",JOINT_KNEES:"Колени",JOINT_LOWER_BACK:"Поясница",JOINT_SHOULDERS:"Плечи",JOINT_WRISTS:"Запястья",JOINT_HIPS:"Тазобедренные суставы",JOINT_ANKLES:"Голеностопы",JOINT_NECK:"Шея",loading:"Загрузка…",retry:"Повторить",errorTitle:"Что-то пошло не так",notFound:"Не найдено",notFoundLead:"Такой страницы нет, или она не ваша.",home:"На главную",requestId:"запрос {id}",seconds:"{n} с",minutes:"{n} мин",minSec:"{m}:{s}",quoted:"«{s}»",logWorkout:"Записать тренировку",kgTimesReps:"{kg} кг × {r}",kgValue:"{n} кг",repsN_one:"{n} повтор",repsN_few:"{n} повтора",repsN_many:"{n} повторов",repsN_other:"{n} повтора",setsN_one:"{n} подход",setsN_few:"{n} подхода",setsN_many:"{n} подходов",setsN_other:"{n} подхода",skipped:"пропущен",rpeShort:"RPE",rirShort:"ПвЗ",kgShort:"кг",repsShort:"повт.",secShort:"сек",minShort:"мин",kmShort:"км",setN:"Подход {n}",setField:"Подход {n}, {what}",setsOf:"Подходы: {name}",setDoneN:"Подход {n} сделан",setSkipN:"Подход {n} пропущен",addSet:"Добавить подход",addRound:"Добавить раунд",painToggle:"Было больно (боль, а не усталость)",painNote:"Где и как (необязательно)",painNotePlaceholder:"например, резкая боль в левом колене внизу",notANumber:"Только числа, например 42,5",lastTime:"В прошлый раз:",suggested:"Сегодня:",hurt:"больно",useSuggestion:"Подставить сегодняшние цифры",action_SUGGESTION_ACTION_HOLD:"так же",action_SUGGESTION_ACTION_PROGRESS:"шаг вперёд",action_SUGGESTION_ACTION_REDUCE:"полегче",adaptingNext:"Это была последняя тренировка недели: тренер подстраивает неделю {n}.",seeChanges:"Что изменилось",historyShort:"История",historyOf:"История: {name}",swap:"Заменить",swapOf:"Заменить: {name}",swapLoading:"Ищем замену…",swapNone:"Под ваш инвентарь и травмы замены этому упражнению нет.",swapChoose:"Заменить на",swapLater:"И в следующих неделях",swapMore:"Ещё {n}",swapConfirm:"Заменить",swappedTo:"{from} — теперь {to}.",cancel:"Отмена",pendingLead:"План составляется. Можно уйти со страницы: работа продолжится, а план появится в «Моих планах».",pendingFor:"Уже {t}",planFailed:"План составить не удалось",planFailedLead:"При составлении что-то пошло не так. Попробуйте ещё раз — ответы сохранены.",generateAgain:"Попробовать снова",planPendingBadge:"Составляется…",planFailedBadge:"Не удалось",planLinks:"О плане",progress:"Прогресс",report:"Отчёт тренера",history:"История",adaptingWait:"Тренер подстраивает неделю {n} по вашим записям…",changedAdapt:"Что изменилось после недели {n} и почему",changedSwap:"Ваша замена",changedRevert:"Версия {n} отменена",changedTitle:"Что изменилось",revisionN:"Версия {n}",deloadWeek:"Впереди лёгкая неделя",change_CHANGE_ACTION_KEEP:"Без изменений",change_CHANGE_ACTION_PROGRESS:"Шаг вперёд",change_CHANGE_ACTION_REGRESS:"Полегче",change_CHANGE_ACTION_SWAP:"Замена",change_CHANGE_ACTION_DELOAD:"Разгрузка",fromWeek:"с недели {n}",becomes:"становится",why:"Почему:",undo:"Отменить изменение",adaptOffer:"Все тренировки недели {w} записаны. Тренер может подстроить неделю {n} под то, как всё прошло.",adaptNow:"Подстроить неделю {n}",undone:"Готово: план вернулся к прежней версии.",undoStale:"План изменился, пока страница была открыта. Обновите её, чтобы увидеть последнюю версию."},V={en:Ne,ru:Pt};let T="en";function le(s){T=s,document.documentElement.lang=s}function D(){return T}function ae(s){return s&&s.toLowerCase().startsWith("ru")?"ru":"en"}function a(s,e={}){return(V[T][s]??Ne[s]??s).replace(/\{(\w+)\}/g,(n,i)=>i in e?String(e[i]):n)}function Q(s,e,t={}){const n=new Intl.PluralRules(T==="ru"?"ru-RU":"en-US").select(e),i=V[T],r=i[`${s}_${n}`]??i[`${s}_other`]??Ne[`${s}_other`]??s,l={n:e,...t};return r.replace(/\{(\w+)\}/g,(c,u)=>u in l?String(l[u]):c)}function es(s,e){return Object.assign(V.en,s),Object.assign(V.ru,e),(t,n={})=>(V[T][t]??s[t]).replace(/\{(\w+)\}/g,(r,l)=>l in n?String(n[l]):r)}function k(s,e=s){return V[T][s]??e}function it(s){if(!s)return"";const e=new Date(s);return Number.isNaN(e.getTime())?"":e.toLocaleDateString(T==="ru"?"ru-RU":"en-GB",{day:"numeric",month:"short",year:"numeric"})}function ts(s){if(s<60)return a("seconds",{n:s});const e=Math.floor(s/60),t=s%60;return t===0?a("minutes",{n:e}):a("minSec",{m:e,s:String(t).padStart(2,"0")})}const Ot=[[/^(?:value )?must be greater than or equal to (-?[\d.]+) and less than or equal to (-?[\d.]+)$/,"значение должно быть от $1 до $2"],[/^(?:value )?must be greater than or equal to (-?[\d.]+)$/,"значение должно быть не меньше $1"],[/^(?:value )?must be less than or equal to (-?[\d.]+)$/,"значение должно быть не больше $1"],[/^(?:value )?must be greater than (-?[\d.]+)$/,"значение должно быть больше $1"],[/^(?:value )?must be less than (-?[\d.]+)$/,"значение должно быть меньше $1"],[/^(?:value )?(?:length )?must be at least (\d+) characters?$/,"не короче $1 символов"],[/^(?:value )?(?:length )?must be at most (\d+) characters?$/,"не длиннее $1 символов"],[/^(?:value )?must contain at most (\d+) items?$/,"не больше $1 элементов"],[/^(?:value )?must be in list \[(.*)\]$/,"допустимые значения: $1"],[/^(?:value )?must be one of the defined enum values$/,"выберите один из вариантов"],[/^(?:value )?must not be in list \[.*\]$/,"выберите один из вариантов"],[/^(?:value )?is required$/,"обязательное поле"],[/^repeated value must contain unique items$/,"значения не должны повторяться"],[/^(?:value )?does not match regex pattern .*$/,"недопустимые символы"],[/^1-64 letters, digits or _\.@-$/,"от 1 до 64 латинских букв, цифр или символов _.@-"]];function at(s){if(T!=="ru")return s;for(const[e,t]of Ot)if(e.test(s))return s.replace(e,t);return s}const Te="fitcoach.token",Se="fitcoach.locale",h={token:"",sub:"",profile:null,names:new Map,done:new Map,flash:""};let rt=()=>{},ot=()=>{};function xt(s,e){rt=s,ot=e}function m(){rt()}function C(s,e=!1){ot(s,e)}function lt(s){try{const e=s.split(".")[1]??"",t=atob(e.replace(/-/g,"+").replace(/_/g,"/").padEnd(Math.ceil(e.length/4)*4,"="));return JSON.parse(t).sub??""}catch{return""}}function ue(s){h.token=s.trim(),h.sub=lt(h.token),h.profile=null,h.done.clear(),we(h.token),localStorage.setItem(Te,h.token)}function Ae(s=""){h.token="",h.sub="",h.profile=null,h.done.clear(),h.flash=s,we(""),localStorage.removeItem(Te),C("/signin",!0)}function Dt(){const s=localStorage.getItem(Se);le(ae(s??navigator.language));const e=localStorage.getItem(Te);e&&(h.token=e,h.sub=lt(e),we(e))}function Be(s){le(s),localStorage.setItem(Se,s),m()}function dt(s){h.profile=s,le(ae(s.locale)),localStorage.setItem(Se,D())}let he=!1;function Ht(){he||h.names.size>0||(he=!0,E.listExercises().then(s=>{for(const e of s.exercises??[])e.name&&(h.names.set(e.slug.toLowerCase(),e.name),e.code&&h.names.set(e.code.toLowerCase(),e.name));m()}).catch(()=>{}).finally(()=>{he=!1}))}function j(s,e=""){const t=h.names.get(s.toLowerCase()),n=t?D()==="ru"?t.ru||t.en:t.en||t.ru:"";if(n)return n;if(e)return e;const i=s.replace(/[-_]+/g," ").trim();return i.charAt(0).toUpperCase()+i.slice(1)}function A(s){return s instanceof b&&s.status===401?(Ae(a("sessionExpired")),!0):!1}function X(s){return s instanceof b&&s.status===0?a("offline"):s instanceof b?s.message||s.code:s instanceof Error?s.message:String(s)}function P(s,e){const t=s instanceof b&&s.requestId?s.requestId:"";return o`<div class="alert alert-error" role="alert" data-testid="error">
    <div>
      <strong>${a("errorTitle")}</strong>
      <div>${X(s)}</div>
      ${t?o`<div class="muted small">${a("requestId",{id:t})}</div>`:d}
    </div>
    ${e?o`<button class="btn btn-ghost" @click=${e}>${a("retry")}</button>`:d}
  </div>`}function de(s=a("loading")){return o`<div class="loading" role="status"><span class="spin" aria-hidden="true"></span>${s}</div>`}function ct(){const s=new Uint8Array(16);return crypto.getRandomValues(s),"web-"+Array.from(s,e=>e.toString(16).padStart(2,"0")).join("")}function G(s,e,t){return`${s}/${e}/${t}`}const ve="fitcoach.outbox",Mt=1e4;let Ue=0,pe=!1,ut=()=>{};function O(){try{const s=JSON.parse(localStorage.getItem(ve)??"[]");return Array.isArray(s)?s:[]}catch{return[]}}function Ie(s){s.length?localStorage.setItem(ve,JSON.stringify(s)):localStorage.removeItem(ve)}const ht=(s,e)=>s.planId===e.planId&&s.week===e.week&&s.day===e.day;function ss(s){Ie([...O().filter(e=>!ht(e,s)),s]),pt()}function ns(s,e,t){Ie(O().filter(n=>!(n.planId===s&&n.week===e&&n.day===t)))}function is(s,e,t){return O().find(n=>n.planId===s&&n.week===e&&n.day===t)}async function _e(){if(!pe){pe=!0;try{for(const s of O()){let e=!1,t=!1;try{t=!!(await E.completeWorkout(s.planId,s.week,s.day,s.body)).adaptationQueued,e=!0}catch(n){if(!(n instanceof b)||n.status===0||n.status===401||n.status>=500)break}Ie(O().filter(n=>!ht(n,s))),e&&ut(s,t)}}finally{pe=!1,O().length&&pt()}}}function pt(){window.clearTimeout(Ue),Ue=window.setTimeout(()=>{_e()},Mt)}function Wt(s){ut=s,window.addEventListener("online",()=>{_e()}),O().length&&_e()}class Vt{name="";token="";busy="";demoError="";tokenError="";flash;constructor(){this.flash=h.flash,h.flash=""}async demo(e){e.preventDefault(),this.busy="demo",this.demoError="",m();try{const t=await E.devToken(this.name.trim()||void 0);ue(t.token),C("/",!0)}catch(t){t instanceof b&&(t.status===404||t.status===405)?this.demoError=a("demoUnavailable"):t instanceof b&&t.violations.length?this.demoError=[...nt(t.violations,[],at).values()].flat().join(" "):this.demoError=X(t)}finally{this.busy="",m()}}async useToken(e){e.preventDefault();const t=this.token.trim().replace(/^Bearer\s+/i,"");if(!t){this.tokenError=a("tokenEmpty"),m();return}this.busy="token",this.tokenError="",m(),ue(t);try{await E.getProfile(),C("/",!0)}catch(n){n instanceof b&&n.status===404?C("/onboarding",!0):(this.tokenError=a("tokenRejected")+X(n),ue(""),localStorage.removeItem("fitcoach.token"))}finally{this.busy="",m()}}render(){return o`
      <section class="hero">
        <h1>${a("signInTitle")}</h1>
        <p class="lead">${a("signInLead")}</p>
      </section>
      ${this.flash?o`<div class="alert alert-info" role="status">${this.flash}</div>`:d}
      <div class="grid-2">
        <form class="card card-accent" @submit=${e=>this.demo(e)} data-testid="demo-form">
          <h2>${a("demoTitle")}</h2>
          <p class="muted">${a("demoLead")}</p>
          <label class="field">
            <span class="label">${a("demoName")}</span>
            <input
              type="text"
              autocomplete="nickname"
              maxlength="64"
              .value=${this.name}
              @input=${e=>this.name=e.target.value}
              data-testid="demo-name"
            />
            <span class="hint">${a("demoNameHint")}</span>
          </label>
          ${this.demoError?o`<p class="field-error" role="alert">${this.demoError}</p>`:d}
          <button class="btn btn-primary btn-block" type="submit" ?disabled=${!!this.busy} data-testid="demo-signin">
            ${this.busy==="demo"?o`<span class="spin" aria-hidden="true"></span>`:d}${a("demoButton")}
          </button>
        </form>
        <form class="card" @submit=${e=>this.useToken(e)} data-testid="token-form">
          <h2>${a("tokenTitle")}</h2>
          <p class="muted">${a("tokenLead")}</p>
          <label class="field">
            <span class="label">${a("tokenLabel")}</span>
            <textarea
              rows="3"
              spellcheck="false"
              autocomplete="off"
              class="mono"
              placeholder="eyJhbGciOi…"
              .value=${this.token}
              @input=${e=>this.token=e.target.value}
              data-testid="token-input"
            ></textarea>
          </label>
          ${this.tokenError?o`<p class="field-error" role="alert">${this.tokenError}</p>`:d}
          <button class="btn btn-secondary btn-block" type="submit" ?disabled=${!!this.busy} data-testid="token-signin">
            ${this.busy==="token"?o`<span class="spin" aria-hidden="true"></span>`:d}${a("tokenButton")}
          </button>
        </form>
      </div>
    `}}const Bt={compass:y`<circle cx="12" cy="12" r="9"/><path d="m15.5 8.5-2 5-5 2 2-5z"/>`,clipboard:y`<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4h6v3H9zM8.5 11h7M8.5 14.5h7M8.5 18h4"/>`,users:y`<circle cx="9" cy="8" r="3.2"/><path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6"/><circle cx="17" cy="9" r="2.6"/><path d="M16 14.2c2.8.2 5 2.6 5 5.8"/>`,play:y`<path d="M8 5.5v13l10.5-6.5z" fill="currentColor" stroke="none"/>`,target:y`<circle cx="12" cy="12" r="8.5"/><circle cx="12" cy="12" r="4.5"/><circle cx="12" cy="12" r="1" fill="currentColor"/>`,list:y`<path d="M9 6.5h11M9 12h11M9 17.5h11"/><circle cx="4.5" cy="6.5" r="1" fill="currentColor"/><circle cx="4.5" cy="12" r="1" fill="currentColor"/><circle cx="4.5" cy="17.5" r="1" fill="currentColor"/>`,alert:y`<path d="M12 3.5 2.8 19.5h18.4z"/><path d="M12 10v4.2M12 17v.2"/>`,flame:y`<path d="M12 21c-3.9 0-6.5-2.6-6.5-6.1 0-3.9 3.4-5.6 3.9-9.4 2.4 1.4 3.5 3.7 3.3 6 1-.5 1.8-1.5 2-2.8 2 1.6 3.3 3.8 3.3 6.3C18 18.4 15.7 21 12 21z"/>`,moon:y`<path d="M19.5 14.5A7.8 7.8 0 0 1 9.5 4.5a7.8 7.8 0 1 0 10 10z"/>`,flag:y`<path d="M5.5 21V4M5.5 4.5h11l-2 4 2 4h-11"/>`,hand:y`<path d="M7 11V6.5a1.5 1.5 0 0 1 3 0V11M10 10V5a1.5 1.5 0 0 1 3 0v5M13 10V6a1.5 1.5 0 0 1 3 0v6"/><path d="M16 9.5a1.5 1.5 0 0 1 3 0V14c0 4-2.7 7-6.5 7S6 18.5 5 15.5l-1.3-3.4a1.5 1.5 0 0 1 2.7-1.2L7 12"/>`,bolt:y`<path d="M13 2.5 4.5 13.5H11l-1 8 8.5-11H12z"/>`,prev:y`<path d="M6.5 5.5v13M18 5.5v13L8.5 12z"/>`,next:y`<path d="M17.5 5.5v13M6 5.5v13l9.5-6.5z"/>`,timer:y`<circle cx="12" cy="13.5" r="7.5"/><path d="M12 13.5V9.5M9.5 2.5h5M19 6.5l-1.5 1.5"/>`,check:y`<path d="m5 12.5 4.5 4.5L19 7.5"/>`,volume:y`<path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z"/><path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11"/>`};function M(s,e=20,t=""){return o`<svg
    class="icon"
    width=${e}
    height=${e}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="1.9"
    stroke-linecap="round"
    stroke-linejoin="round"
    role=${t?"img":"presentation"}
    aria-hidden=${t?"false":"true"}
    aria-label=${t||""}
  >
    ${Bt[s]}
  </svg>`}const qe=["FITNESS_LEVEL_BEGINNER","FITNESS_LEVEL_INTERMEDIATE","FITNESS_LEVEL_ADVANCED"],je=["ARCHETYPE_MENTOR","ARCHETYPE_PROFESSIONAL","ARCHETYPE_PEER"],Fe=["OBJECTIVE_ENDURANCE","OBJECTIVE_STRENGTH","OBJECTIVE_HYPERTROPHY","OBJECTIVE_FAT_LOSS","OBJECTIVE_MOBILITY","OBJECTIVE_GENERAL_HEALTH"],Ge=3,fe=["JOINT_KNEES","JOINT_LOWER_BACK","JOINT_SHOULDERS","JOINT_WRISTS","JOINT_HIPS","JOINT_ANKLES","JOINT_NECK"],Ke=300,Ye=500,Ut=["dumbbell","kettlebell","barbell","band","machine","pullup_bar","bench"],qt={ARCHETYPE_MENTOR:"compass",ARCHETYPE_PROFESSIONAL:"clipboard",ARCHETYPE_PEER:"users"},me="fitcoach.onboarding";function ee(s){const e=Number.parseInt(s.trim(),10);return Number.isFinite(e)?e:0}class Je{constructor(e){this.onboarding=e;const t=h.profile;if(this.form=t?{goal:t.goal,fitnessLevel:qe.includes(t.fitnessLevel)?t.fitnessLevel:"FITNESS_LEVEL_BEGINNER",equipment:[...t.equipment??[]],daysPerWeek:String(t.daysPerWeek),durationWeeks:String(t.durationWeeks),sessionMinutes:String(t.sessionMinutes),limitations:t.limitations,archetype:je.includes(t.archetype)?t.archetype:"ARCHETYPE_MENTOR",locale:ae(t.locale),objectives:(t.objectives??[]).filter(n=>Fe.includes(n)),injuries:(t.injuries??[]).filter(n=>fe.includes(n))}:{goal:"",fitnessLevel:"FITNESS_LEVEL_BEGINNER",equipment:[],daysPerWeek:"3",durationWeeks:"8",sessionMinutes:"45",limitations:"",archetype:"ARCHETYPE_MENTOR",locale:D(),objectives:[],injuries:[]},e)try{const n=JSON.parse(sessionStorage.getItem(me)??"null");n&&(this.form={...this.form,...n})}catch{}}onboarding;form;errors=new Map;formError="";saving=!1;savedNote=!1;localeTouched=!1;set(e,t){this.form[e]=t,this.onboarding&&sessionStorage.setItem(me,JSON.stringify(this.form)),this.savedNote=!1,this.errors.delete(e)&&(this.formError=this.errors.size?this.formError:""),e==="locale"&&(this.localeTouched=!0,this.onboarding&&le(ae(t))),m()}toggleEquipment(e){const t=this.form.equipment.includes(e);this.set("equipment",t?this.form.equipment.filter(n=>n!==e):[...this.form.equipment,e])}toggleObjective(e){const t=this.form.objectives;t.includes(e)?this.set("objectives",t.filter(n=>n!==e)):t.length<Ge&&this.set("objectives",[...t,e])}makePrimary(e){this.set("objectives",[e,...this.form.objectives.filter(t=>t!==e)])}toggleInjury(e,t){const n=this.form.injuries.filter(i=>i!==e);this.set("injuries",t?fe.filter(i=>i===e||n.includes(i)):n)}async submit(e){e.preventDefault();const t=this.form,n={goal:t.goal.trim(),fitnessLevel:t.fitnessLevel,equipment:t.equipment,daysPerWeek:ee(t.daysPerWeek),durationWeeks:ee(t.durationWeeks),sessionMinutes:ee(t.sessionMinutes),limitations:t.limitations.trim(),archetype:t.archetype,locale:t.locale,objectives:t.objectives,injuries:t.injuries};this.saving=!0,this.errors=new Map,this.formError="",m();try{const i=await E.putProfile(n);if(dt(i.profile),this.onboarding){sessionStorage.removeItem(me),C("/",!0);return}this.savedNote=!0}catch(i){if(A(i))return;if(i instanceof b&&i.violations.length){this.errors=nt(i.violations,["profile"],at);const r=new Set(Object.keys(t)),l=[...this.errors.entries()].filter(([c])=>!r.has(c.split(".")[0]));this.formError=[a("fixFields"),...l.map(([c,u])=>`${c}: ${u.join(" ")}`)].join(" ")}else this.formError=X(i)}finally{this.saving=!1,m(),this.errors.size&&requestAnimationFrame(()=>document.querySelector(".has-error input, .has-error textarea, .has-error button")?.focus())}}fieldErrors(e){const t=[];for(const[n,i]of this.errors)(n===e||n.startsWith(e+"."))&&t.push(...i);return t}field(e,t,n,i,r=0){const l=this.fieldErrors(e),c=r?[...String(this.form[e])].length:0;return o`<div class="field ${l.length?"has-error":""}" data-field=${e}>
      <label class="label" for="f-${e}">${a(t)}</label>
      ${n}
      ${i||r?o`<div class="hint-row">
            ${i?o`<span class="hint" id="f-${e}-hint">${a(i)}</span>`:d}
            ${r?o`<span class="counter ${c>=r?"full":""}" aria-live="polite" data-testid="count-${e}">${a("charCount",{n:c,max:r})}</span>`:d}
          </div>`:d}
      ${l.map(u=>o`<p class="field-error" role="alert" data-testid="error-${e}">${u}</p>`)}
    </div>`}numberInput(e,t,n,i=1){const r=this.form[e],l=c=>this.set(e,String(Math.min(n,Math.max(t,ee(r)+c))));return o`<div class="stepper">
      <button type="button" class="step" aria-label="−" @click=${()=>l(-i)}>−</button>
      <input
        id="f-${e}"
        name=${e}
        type="number"
        inputmode="numeric"
        min=${t}
        max=${n}
        step=${i}
        .value=${r}
        @input=${c=>this.set(e,c.target.value)}
        data-testid="input-${e}"
      />
      <button type="button" class="step" aria-label="+" @click=${()=>l(i)}>+</button>
    </div>`}objectivesControl(){const e=this.form.objectives;return o`<div class="chips objectives" id="f-objectives" role="group" aria-describedby="f-objectives-hint">
      ${Fe.map(t=>{const n=e.indexOf(t),i=n<0&&e.length>=Ge;return o`<button
          type="button"
          class="chip ${n>=0?"on":""} ${n===0?"primary":""}"
          aria-pressed=${n>=0}
          ?disabled=${i}
          @click=${()=>this.toggleObjective(t)}
          data-testid="objective-${t}"
        >
          ${n>=0?o`<span class="chip-rank" aria-hidden="true">${n+1}</span>`:d}${k(t)}${n===0?o` <span class="chip-primary" data-testid="objective-primary">· ${a("primary")}</span>`:d}
        </button>`})}
      ${e.length>1?o`<span class="chip-actions">
            ${e.slice(1).map(t=>o`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>this.makePrimary(t)} data-testid="primary-${t}">
                ★ ${a("makePrimary",{o:k(t)})}
              </button>`)}
          </span>`:d}
    </div>`}injuriesControl(){return o`<div class="checks" id="f-injuries" role="group">
      ${fe.map(e=>o`<label class="check">
          <input
            type="checkbox"
            .checked=${this.form.injuries.includes(e)}
            @change=${t=>this.toggleInjury(e,t.target.checked)}
            data-testid="injury-${e}"
          />
          <span>${k(e)}</span>
        </label>`)}
    </div>`}render(){const e=this.form;return this.onboarding&&!this.localeTouched&&(e.locale=D()),o`
      <section class="hero hero-sm">
        <h1>${this.onboarding?a("onboardTitle"):a("profileTitle")}</h1>
        <p class="lead">${this.onboarding?a("onboardLead"):a("profileLead")}</p>
      </section>
      <form class="card form" novalidate @submit=${t=>this.submit(t)} data-testid="profile-form">
        ${this.field("goal","goal",o`<textarea
            id="f-goal"
            name="goal"
            rows="2"
            maxlength=${Ke}
            placeholder=${a("goalPlaceholder")}
            .value=${e.goal}
            @input=${t=>this.set("goal",t.target.value)}
            data-testid="input-goal"
          ></textarea>`,"goalHint",Ke)}
        ${this.field("objectives","objectives",this.objectivesControl(),"objectivesHint")}
        ${this.field("fitnessLevel","fitnessLevel",o`<div class="choices choices-3" role="radiogroup" id="f-fitnessLevel">
            ${qe.map(t=>o`<button
                type="button"
                role="radio"
                aria-checked=${e.fitnessLevel===t}
                class="choice ${e.fitnessLevel===t?"on":""}"
                @click=${()=>this.set("fitnessLevel",t)}
                data-testid="level-${t}"
              >
                <strong>${k(t)}</strong><span>${k(t+"_hint")}</span>
              </button>`)}
          </div>`)}
        ${this.field("equipment","equipment",o`<div class="chips" id="f-equipment" role="group">
            ${Ut.map(t=>o`<button
                type="button"
                class="chip ${e.equipment.includes(t)?"on":""}"
                aria-pressed=${e.equipment.includes(t)}
                @click=${()=>this.toggleEquipment(t)}
                data-testid="equipment-${t}"
              >
                ${e.equipment.includes(t)?"✓ ":""}${k("eq_"+t,t)}
              </button>`)}
          </div>`,"equipmentHint")}
        <div class="row-3">
          ${this.field("daysPerWeek","daysPerWeek",this.numberInput("daysPerWeek",2,6),"daysPerWeekHint")}
          ${this.field("durationWeeks","durationWeeks",this.numberInput("durationWeeks",4,12),"durationWeeksHint")}
          ${this.field("sessionMinutes","sessionMinutes",this.numberInput("sessionMinutes",15,180,5),"sessionMinutesHint")}
        </div>
        ${this.field("limitations","limitations",o`<textarea
            id="f-limitations"
            name="limitations"
            rows="2"
            maxlength=${Ye}
            placeholder=${a("limitationsPlaceholder")}
            .value=${e.limitations}
            @input=${t=>this.set("limitations",t.target.value)}
            data-testid="input-limitations"
          ></textarea>`,"limitationsHint",Ye)}
        ${this.field("injuries","injuries",this.injuriesControl(),"injuriesHint")}
        ${this.field("archetype","archetype",o`<div class="choices choices-3" role="radiogroup" id="f-archetype">
            ${je.map(t=>o`<button
                type="button"
                role="radio"
                aria-checked=${e.archetype===t}
                class="choice ${e.archetype===t?"on":""}"
                @click=${()=>this.set("archetype",t)}
                data-testid="archetype-${t}"
              >
                <span class="choice-icon">${M(qt[t],26)}</span>
                <strong>${k(t)}</strong><span>${k(t+"_hint")}</span>
              </button>`)}
          </div>`)}
        ${this.field("locale","locale",o`<div class="segmented" role="radiogroup" id="f-locale">
            ${["en","ru"].map(t=>o`<button
                type="button"
                role="radio"
                aria-checked=${e.locale===t}
                class=${e.locale===t?"on":""}
                @click=${()=>this.set("locale",t)}
                data-testid="locale-${t}"
              >
                ${t==="en"?"English":"Русский"}
              </button>`)}
          </div>`)}
        ${this.formError?o`<div class="alert alert-error" role="alert" data-testid="form-error">${this.formError}</div>`:d}
        ${this.savedNote?o`<div class="alert alert-ok" role="status">${a("saved")}</div>`:d}
        <div class="actions">
          <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.saving} data-testid="save-profile">
            ${this.saving?o`<span class="spin" aria-hidden="true"></span>${a("saving")}`:this.onboarding?a("saveProfile"):a("saveChanges")}
          </button>
        </div>
      </form>
    `}}class jt{plans=null;loadError=null;generating=!1;genError=null;requestId="";constructor(){this.load()}async load(){this.loadError=null;try{const e=await E.listPlans();this.plans=e.plans??[]}catch(e){if(A(e))return;this.loadError=e}m()}async generate(){this.requestId||(this.requestId=ct()),this.generating=!0,this.genError=null,m();try{const e=await E.createPlan(this.requestId);this.requestId="",C(`/plans/${encodeURIComponent(e.plan.id)}`)}catch(e){if(A(e))return;this.genError=e,this.generating=!1,m()}}generatingCard(){return o`<div class="card generating" role="status" data-testid="generating">
      <div class="pulse" aria-hidden="true"><span></span><span></span><span></span></div>
      <h2>${a("generating")}</h2>
      <p class="muted">${a("generatingLead")}</p>
    </div>`}render(){if(this.loadError)return P(this.loadError,()=>{this.load()});if(!this.plans)return de();const e=h.profile;return this.plans.length===0?o`
        <section class="hero">
          <h1>${a("noPlansTitle")}</h1>
          <p class="lead">${a("noPlansLead")}</p>
        </section>
        ${e?o`<div class="card summary">
              <div class="summary-goal">${a("quoted",{s:e.goal})}</div>
              <ul class="facts">
                <li>${k(e.fitnessLevel)}</li>
                <li>${a("daysPerWeek")}: <strong>${e.daysPerWeek}</strong></li>
                <li>${Q("weeks",e.durationWeeks)}</li>
                <li>${a("minutes",{n:e.sessionMinutes})}</li>
                <li>${a("archetype")}: <strong>${k(e.archetype)}</strong></li>
              </ul>
            </div>`:d}
        ${this.genError?P(this.genError,()=>{this.generate()}):d}
        ${this.generating?this.generatingCard():o`<div class="actions actions-center">
              <button class="btn btn-cta btn-lg" @click=${()=>this.generate()} data-testid="generate">${a("generate")}</button>
            </div>`}
      `:o`
      <div class="page-head">
        <h1>${a("plansTitle")}</h1>
        ${this.generating?d:o`<button class="btn btn-primary" @click=${()=>this.generate()} data-testid="generate">${a("generateAnother")}</button>`}
      </div>
      ${this.genError?P(this.genError,()=>{this.generate()}):d}
      ${this.generating?this.generatingCard():d}
      <ul class="plan-list">
        ${this.plans.map(t=>o`<li>
            <a class="card plan-card" href="/plans/${encodeURIComponent(t.id)}" data-nav data-testid="plan-link">
              <div class="plan-card-main">
                <h2>${t.planName}</h2>
                <p class="muted">${t.goal}</p>
              </div>
              <div class="plan-card-meta">
                <span class="badge">${Q("weeks",t.durationWeeks)}</span>
                ${t.state==="PLAN_STATE_PENDING"?o`<span class="badge badge-next" data-testid="plan-pending-badge">${a("planPendingBadge")}</span>`:d}
                ${t.state==="PLAN_STATE_FAILED"?o`<span class="badge badge-warn">${a("planFailedBadge")}</span>`:d}
                <span class="badge badge-soft">${k("provider_"+t.provider,t.provider)}</span>
                ${t.createTime?o`<span class="muted small">${a("createdAt",{d:it(t.createTime)})}</span>`:d}
              </div>
              <span class="chev" aria-hidden="true">›</span>
            </a>
          </li>`)}
      </ul>
    `}}const ft=["warmup","main","accessory","conditioning","cooldown"],$=s=>typeof s=="number"&&Number.isFinite(s)?s:0;function mt(s){if($(s.rounds)>0&&$(s.workSeconds)>0)return"intervals";switch(s.measurement){case"MEASUREMENT_DISTANCE":return"cardio";case"MEASUREMENT_TIME":return"time";case"MEASUREMENT_REPS":return s.reps||!$(s.durationSeconds)?"reps":"time"}return s.reps?"reps":$(s.durationSeconds)>0?$(s.sets)>0?"time":"cardio":"reps"}function Ft(s){const e=(s.block??"").toLowerCase();return ft.includes(e)?e:"main"}function Gt(s){return ft.map(e=>({block:e,items:s.map((t,n)=>({e:t,i:n})).filter(({e:t})=>Ft(t)===e)})).filter(e=>e.items.length>0)}function Kt(s){return s.some(e=>!!e.block)}function gt(s){if(s<60)return a("span_s",{n:s});const e=Math.floor(s/60),t=s%60;return t===0?a("span_min",{n:e}):a("span_min_s",{m:e,s:t})}function ye(s){return s>=120&&s%60===0?a("span_min",{n:s/60}):a("span_s",{n:s})}function Yt(s){return s<120?a("span_s",{n:s}):gt(s)}function Jt(s){if(s<1e3)return a("meters",{n:s});const e=Math.round(s/100)/10;return a("km",{n:e.toLocaleString(document.documentElement.lang==="ru"?"ru-RU":"en-US")})}function ze(s){return(s??"").replace("-","–")}function as(s){const e=mt(s);return e==="cardio"||e==="intervals"?1:Math.max(1,$(s.sets))}function zt(s){return(Math.round(s*100)/100).toLocaleString(D()==="ru"?"ru-RU":"en-US",{maximumFractionDigits:2})}function $t(s){const e=$(s.sets);switch(mt(s)){case"intervals":return a("intervals",{rounds:Q("rounds",$(s.rounds)),work:ye($(s.workSeconds)),recovery:ye($(s.recoverySeconds))});case"cardio":{const t=[];return $(s.durationSeconds)>0&&t.push(gt($(s.durationSeconds))),$(s.distanceMeters)>0&&t.push(Jt($(s.distanceMeters))),t.join(" · ")}case"time":{const t=Yt($(s.durationSeconds));return e>1?a("setsReps",{s:e,r:t}):t}default:{const t=e>0&&s.reps?a("setsReps",{s:e,r:ze(s.reps)}):ze(s.reps)||(e>0?String(e):"");return $(s.loadKg)>0?`${t} · ${a("kgValue",{n:zt($(s.loadKg))})}`:t}}}function vt(s){return $(s.restSeconds)>0?a("rest",{t:ye($(s.restSeconds))}):""}function _t(s){return $(s.targetRpe)>0?a("rpe",{n:$(s.targetRpe)}):$(s.targetRir)>0?Q("rir",$(s.targetRir)):""}function rs(s){return[$t(s),vt(s),_t(s)].filter(Boolean).join(", ")}class Qt{constructor(e,t,n=!1){this.id=e,this.week=t,n&&t>1&&(this.awaitWeek=t-1,this.awaitUntil=Date.now()+9e4),this.load()}id;week;plan=null;error=null;checked=new Set;revisions=null;undoing=!1;undoError="";undone="";awaitWeek=0;awaitUntil=0;timer=0;pendingSince=Date.now();retrying=!1;adaptingNow=!1;adaptError=null;live=!0;get pending(){return this.plan?.state==="PLAN_STATE_PENDING"}async load(){this.error=null;try{if(this.plan=(await E.getPlan(this.id)).plan,!this.live)return;this.pending?this.schedule(()=>this.load(),2e3):this.plan.state!=="PLAN_STATE_FAILED"&&((this.week<1||this.week>this.plan.weeks.length)&&(this.week=1),this.checked.clear(),this.checkDone(this.week),this.loadRevisions())}catch(e){if(A(e))return;this.error=e}m()}schedule(e,t){window.clearTimeout(this.timer),this.timer=window.setTimeout(e,t)}async loadRevisions(){try{const e=(await E.revisions(this.id)).revisions??[];if(!this.live)return;this.revisions=e;const t=e[0];if(this.awaitWeek)if(e.some(i=>i.kind==="REVISION_KIND_ADAPTATION"&&i.week===this.awaitWeek)){if(this.awaitWeek=0,t&&this.plan&&t.number!==this.plan.revision){this.load();return}}else Date.now()<this.awaitUntil?this.schedule(()=>{this.loadRevisions()},2e3):this.awaitWeek=0}catch(e){if(A(e))return;this.revisions=[],this.awaitWeek=0}m()}async undo(){const e=this.plan;if(e){this.undoing=!0,this.undoError="",m();try{const t=await E.revert(this.id,e.revision??0);this.plan=t.plan??(await E.getPlan(this.id)).plan,this.undone=a("undone"),this.checked.clear(),this.checkDone(this.week),await this.loadRevisions(),requestAnimationFrame(()=>document.querySelector("[data-testid=undone]")?.focus())}catch(t){if(A(t))return;this.undoError=t instanceof b&&(t.code==="FAILED_PRECONDITION"||t.code==="ABORTED")?a("undoStale"):X(t)}finally{this.undoing=!1,m()}}}async adaptNow(e){this.adaptingNow=!0,this.adaptError=null,m();try{const t=await E.adapt(this.id,e);this.plan=t.plan??(await E.getPlan(this.id)).plan,this.undone="",this.selectWeek(Math.min(e+1,this.plan.weeks.length)),await this.loadRevisions(),requestAnimationFrame(()=>document.querySelector("#changes-title")?.focus())}catch(t){if(A(t))return;this.adaptError=t}finally{this.adaptingNow=!1,m()}}adaptCard(e){const t=this.plan,n=this.revisions;if(!t||!n||this.awaitWeek||e>=t.weeks.length)return d;const r=(t.weeks.find(l=>l.weekNumber===e)?.days??[]).filter(l=>!l.isRestDay);return!r.length||!r.every(l=>h.done.get(G(this.id,e,l.dayNumber))===!0)||n.some(l=>l.kind==="REVISION_KIND_ADAPTATION"&&l.week===e)?d:o`<div class="card changes" data-testid="adapt-offer">
      <p class="changes-summary">${a("adaptOffer",{w:e,n:e+1})}</p>
      ${this.adaptError?P(this.adaptError,()=>{this.adaptNow(e)}):d}
      <div class="actions">
        <button class="btn btn-primary" ?disabled=${this.adaptingNow} @click=${()=>this.adaptNow(e)} data-testid="adapt-now">
          ${this.adaptingNow?o`<span class="spin" aria-hidden="true"></span>`:d}${a("adaptNow",{n:e+1})}
        </button>
      </div>
    </div>`}async retry(){this.retrying=!0,m();try{const e=await E.createPlan(ct());C(`/plans/${encodeURIComponent(e.plan.id)}`,!0)}catch(e){if(A(e))return;this.error=e,this.retrying=!1,m()}}destroy(){this.live=!1,window.clearTimeout(this.timer)}async checkDone(e){if(!this.plan||this.checked.has(e))return;this.checked.add(e);const t=this.plan.weeks.find(n=>n.weekNumber===e);t&&(await Promise.all(t.days.filter(n=>!n.isRestDay).map(async n=>{try{const i=(await E.getWorkout(this.id,e,n.dayNumber)).workout;h.done.set(G(this.id,e,n.dayNumber),!!i.log?.completeTime||!!i.log?.perceivedEffort)}catch{}})),m())}selectWeek(e){this.week=e,history.replaceState(null,"",`/plans/${encodeURIComponent(this.id)}?week=${e}`),this.checkDone(e),m()}dayCard(e,t){const n=h.done.get(G(this.id,this.week,e.dayNumber)),i=`/plans/${encodeURIComponent(this.id)}/weeks/${this.week}/days/${e.dayNumber}`;return o`<a
      class="card day-card ${e.isRestDay?"is-rest":""} ${n?"is-done":""} ${t?"is-next":""}"
      href=${i}
      data-nav
      data-testid="day-${e.dayNumber}"
    >
      <div class="day-head">
        <span class="day-num">${a("day",{n:e.dayNumber})}</span>
        ${e.isRestDay?o`<span class="badge badge-rest">${M("moon",14)} ${a("restDay")}</span>`:d}
        ${n?o`<span class="badge badge-done" data-testid="day-done">✓ ${a("done")}</span>`:d}
        ${t?o`<span class="badge badge-next" data-testid="day-next">${M("play",12)} ${a("nextUp")}</span>`:d}
      </div>
      <h3>${e.workoutName}</h3>
      ${e.isRestDay?o`<p class="muted small">${a("restDayLead")}</p>`:Gt(e.exercises).map(r=>o`${Kt(e.exercises)?o`<div class="ex-block-label" data-testid="plan-block-${r.block}">${k("block_"+r.block)}</div>`:d}
              <ul class="ex-list">
                ${r.items.map(({e:l})=>o`<li>
                    <span class="ex-name">${j(l.exerciseSlug)}</span>
                    <span class="ex-dose">
                      <span class="dose">${$t(l)}</span>
                      <span class="rest">${[vt(l),_t(l)].filter(Boolean).join(", ")}</span>
                    </span>
                  </li>`)}
              </ul>`)}
      <span class="day-open" aria-hidden="true">›</span>
    </a>`}provenance(e){const t=e.usage,n=t?Ve(t.totalTokens):0;return o`<details class="card provenance" data-testid="provenance">
      <summary><h2>${a("howMade")}</h2></summary>
      <dl class="kv">
        <div><dt>${a("provider")}</dt><dd data-testid="prov-provider">${k("provider_"+e.provider,e.provider||"—")}</dd></div>
        ${e.model?o`<div><dt>${a("model")}</dt><dd>${e.model}</dd></div>`:d}
        <div><dt>${a("attempts")}</dt><dd>${e.attempts}</dd></div>
        <div>
          <dt>${a("substitutions")}</dt>
          <dd>
            ${e.substitutionCount||(e.substitutions??[]).length||a("substitutionsNone")}
            ${(e.substitutions??[]).length?o`<ul class="subs">
                  ${e.substitutions.slice(0,12).map(i=>o`<li>
                        ${a("substitutionLine",{w:i.week,d:i.day,from:j(i.fromSlug),to:j(i.toSlug)})}
                      </li>`)}
                  ${e.substitutions.length>12?o`<li>…</li>`:d}
                </ul>`:d}
          </dd>
        </div>
        ${e.fallbackReason?o`<div class="wide"><dt>${a("fallbackReason")}</dt><dd data-testid="prov-fallback">${e.fallbackReason}</dd></div>`:d}
        ${e.promptVersion?o`<div><dt>${a("promptVersion")}</dt><dd>${e.promptVersion}</dd></div>`:d}
        <div><dt>${a("generationTime")}</dt><dd>${Ve(e.generationMs)} ms</dd></div>
        ${n?o`<div><dt>${a("tokens")}</dt><dd>${n}</dd></div>`:d}
      </dl>
    </details>`}pendingCard(){const e=Math.round((Date.now()-this.pendingSince)/1e3);return o`<div class="card generating" role="status" data-testid="plan-pending">
      <div class="pulse" aria-hidden="true"><span></span><span></span><span></span></div>
      <h1>${a("generating")}</h1>
      <p class="muted">${a("pendingLead")}</p>
      <p class="muted small" aria-live="off">${a("pendingFor",{t:e<60?a("span_s",{n:e}):a("span_min",{n:Math.floor(e/60)})})}</p>
    </div>`}changesCard(){const e=this.revisions;if(this.awaitWeek)return o`<div class="card changes" role="status" data-testid="adapting-wait">
        <span class="spin" aria-hidden="true"></span> ${a("adaptingWait",{n:this.awaitWeek+1})}
      </div>`;const t=e?.[0],n=!!t&&t.kind!=="REVISION_KIND_ORIGINAL"&&t.number>1&&(e?.length??0)>1;if(!t||t.kind==="REVISION_KIND_ORIGINAL")return this.undone?o`<p class="alert alert-ok" role="status" tabindex="-1" data-testid="undone">${this.undone}</p>`:d;const i=t.kind==="REVISION_KIND_ADAPTATION"?a("changedAdapt",{n:t.week}):t.kind==="REVISION_KIND_SWAP"?a("changedSwap"):t.kind==="REVISION_KIND_REVERT"?a("changedRevert",{n:t.base}):a("changedTitle");return o`<section class="card changes" aria-labelledby="changes-title" data-testid="changes" data-revision=${t.number} data-kind=${t.kind}>
      <div class="changes-head">
        <h2 id="changes-title" tabindex="-1">${i}</h2>
        <span class="badge badge-soft">${a("revisionN",{n:t.number})}</span>
        ${t.deload?o`<span class="badge badge-warn">${a("deloadWeek")}</span>`:d}
      </div>
      ${this.undone?o`<p class="alert alert-ok" role="status" tabindex="-1" data-testid="undone">${this.undone}</p>`:d}
      ${t.summary?o`<p class="changes-summary">${t.summary}</p>`:d}
      ${t.changes?.length?o`<ul class="change-list">
            ${t.changes.map(r=>o`<li class="change" data-action=${r.action} data-testid="change">
                <div class="change-top">
                  <span class="badge action-${r.action.replace("CHANGE_ACTION_","").toLowerCase()}">${k("change_"+r.action,r.action)}</span>
                  <strong>${r.name||j(r.exerciseSlug)}</strong>
                  ${r.toSlug?o`<span>→ <strong>${r.toName||j(r.toSlug)}</strong></span>`:d}
                  <span class="muted small">${r.day>0?`${a("week",{n:r.week})} · ${a("day",{n:r.day})}`:a("fromWeek",{n:r.week})}</span>
                </div>
                ${r.before||r.after?o`<p class="change-diff"><span class="before">${r.before||"—"}</span> <span aria-hidden="true">→</span><span class="visually-hidden">${a("becomes")}</span> <span class="after">${r.after||"—"}</span></p>`:d}
                ${r.reason?o`<p class="change-why" data-testid="change-reason"><span class="hint-k">${a("why")}</span> ${r.reason}</p>`:d}
              </li>`)}
          </ul>`:d}
      ${this.undoError?o`<div class="alert alert-error" role="alert">${this.undoError}</div>`:d}
      ${n?o`<div class="actions">
            <button class="btn btn-ghost" ?disabled=${this.undoing} @click=${()=>this.undo()} data-testid="undo">
              ${this.undoing?o`<span class="spin" aria-hidden="true"></span>`:"↶"} ${a("undo")}
            </button>
          </div>`:d}
    </section>`}render(){if(this.error)return this.error instanceof b&&this.error.status===404?o`<div class="card empty" data-testid="not-found"><h1>${a("notFound")}</h1><p class="muted">${a("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${a("home")}</a></div>`:P(this.error,()=>{this.load()});const e=this.plan;if(!e)return de();if(this.pending)return this.pendingCard();if(e.state==="PLAN_STATE_FAILED")return o`<div class="card empty" data-testid="plan-failed">
        <h1>${a("planFailed")}</h1>
        <p class="muted">${a("planFailedLead")}</p>
        <button class="btn btn-primary" ?disabled=${this.retrying} @click=${()=>this.retry()} data-testid="plan-retry">${a("generateAgain")}</button>
      </div>`;const t=e.weeks.find(i=>i.weekNumber===this.week)??e.weeks[0],n=t.days.find(i=>!i.isRestDay&&h.done.get(G(this.id,t.weekNumber,i.dayNumber))===!1)?.dayNumber;return o`
      <section class="plan-hero">
        <div class="plan-hero-text">
          <h1 data-testid="plan-name">${e.planName}</h1>
          <p class="lead">${e.goal}</p>
          <div class="meta-row">
            <span class="badge">${Q("weeks",e.durationWeeks)}</span>
            <span class="badge badge-soft">${k(e.archetype)}</span>
            ${e.createTime?o`<span class="muted small">${a("createdAt",{d:it(e.createTime)})}</span>`:d}
          </div>
          ${e.notes?o`<p class="notes"><strong>${a("notes")}:</strong> ${e.notes}</p>`:d}
        </div>
        ${this.provenance(e)}
      </section>
      <nav class="plan-links" aria-label=${a("planLinks")}>
        <a class="btn btn-ghost btn-sm" href="/plans/${encodeURIComponent(e.id)}/progress" data-nav data-testid="open-progress">${M("target",16)} ${a("progress")}</a>
        <a class="btn btn-ghost btn-sm" href="/plans/${encodeURIComponent(e.id)}/report?week=${this.week}" data-nav data-testid="open-report">${M("clipboard",16)} ${a("report")}</a>
        <a class="btn btn-ghost btn-sm" href="/history" data-nav data-testid="open-history">${M("list",16)} ${a("history")}</a>
      </nav>
      ${this.changesCard()}
      <nav class="weeks" aria-label="Weeks" data-testid="weeks">
        ${e.weeks.map(i=>o`<button
            class="week-tab ${i.weekNumber===t.weekNumber?"on":""}"
            aria-current=${i.weekNumber===t.weekNumber?"true":"false"}
            @click=${()=>this.selectWeek(i.weekNumber)}
            data-testid="week-${i.weekNumber}"
          >
            ${a("week",{n:i.weekNumber})}
          </button>`)}
      </nav>
      ${t.weekFocus?o`<p class="week-focus"><span class="label-inline">${a("focus")}:</span> ${t.weekFocus}</p>`:d}
      ${this.adaptCard(t.weekNumber)}
      <div class="days">${t.days.map(i=>this.dayCard(i,i.dayNumber===n))}</div>
    `}}const Qe=document.getElementById("app");let W=null,re=null;const Xt=[{pattern:/^\/signin$/,auth:!1,needsProfile:!1,make:()=>new Vt},{pattern:/^\/onboarding$/,auth:!0,needsProfile:!1,make:()=>new Je(!0)},{pattern:/^\/profile$/,auth:!0,needsProfile:!0,make:()=>new Je(!1)},{pattern:/^\/$/,auth:!0,needsProfile:!0,make:()=>new jt},{pattern:/^\/plans\/([^/]+)$/,auth:!0,needsProfile:!0,make:(s,e)=>new Qt(decodeURIComponent(s[1]),Number(e.get("week"))||1,e.get("changes")==="1")},{pattern:/^\/plans\/([^/]+)\/progress$/,auth:!0,needsProfile:!0,make:s=>F(async()=>new(await U(async()=>{const{ProgressView:e}=await import("./progress-CotBQeGm.js");return{ProgressView:e}},__vite__mapDeps([0,1,2]))).ProgressView(decodeURIComponent(s[1])))},{pattern:/^\/plans\/([^/]+)\/report$/,auth:!0,needsProfile:!0,make:(s,e)=>F(async()=>new(await U(async()=>{const{ReportView:t}=await import("./report-D5Fbjcu-.js");return{ReportView:t}},[])).ReportView(decodeURIComponent(s[1]),Number(e.get("week")??"0")||0))},{pattern:/^\/history$/,auth:!0,needsProfile:!0,make:(s,e)=>F(async()=>new(await U(async()=>{const{HistoryView:t}=await import("./history-akGwcMgT.js");return{HistoryView:t}},[])).HistoryView(e.get("month")??""))},{pattern:/^\/history\/exercises\/([^/]+)$/,auth:!0,needsProfile:!0,make:s=>F(async()=>new(await U(async()=>{const{ExerciseView:e}=await import("./exercise-BxJ6t5Tn.js");return{ExerciseView:e}},__vite__mapDeps([3,1,4]))).ExerciseView(decodeURIComponent(s[1])))},{pattern:/^\/plans\/([^/]+)\/weeks\/(\d+)\/days\/(\d+)$/,auth:!0,needsProfile:!0,make:s=>F(async()=>new(await U(async()=>{const{DayView:e}=await import("./day-BqclnGbm.js");return{DayView:e}},__vite__mapDeps([5,4]))).DayView(decodeURIComponent(s[1]),Number(s[2]),Number(s[3])))}];function F(s){let e=null,t=null,n=!1;const i=()=>{t=null,s().then(r=>{if(n)return r.destroy?.();e=r,m()}).catch(r=>{t=new b(0,"UNAVAILABLE",r instanceof Error?r.message:String(r)),m()})};return i(),{render:()=>t?P(t,()=>(i(),m())):e?e.render():de(),destroy:()=>{n=!0,e?.destroy?.()}}}function Zt(s){const e=!!h.token,t=!!h.profile,n=location.pathname;return o`
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="/" @click=${te}>
          <span class="logo" aria-hidden="true">
            <svg viewBox="0 0 64 64" width="28" height="28"><rect width="64" height="64" rx="14" fill="currentColor" /><path d="M14 27h6v10h-6zM44 27h6v10h-6zM20 23h5v18h-5zM39 23h5v18h-5zM25 30h14v4H25z" fill="#fff" /></svg>
          </span>
          <span class="brand-text"><strong>fitcoach</strong><span class="tagline">${a("appTagline")}</span></span>
        </a>
        <nav class="nav">
          ${e&&t?o`<a href="/" class=${n==="/"||n.startsWith("/plans")?"active":""} aria-current=${n==="/"||n.startsWith("/plans")?"page":"false"} @click=${te} data-testid="nav-plans">${a("navPlans")}</a>
                <a href="/history" class=${n.startsWith("/history")?"active":""} @click=${te} data-testid="nav-history">${a("history")}</a>
                <a href="/profile" class=${n==="/profile"?"active":""} @click=${te} data-testid="nav-profile">${a("navProfile")}</a>`:d}
          ${t?d:o`<div class="lang" role="group" aria-label="Language">
                <button class=${D()==="en"?"on":""} @click=${()=>Be("en")} data-testid="lang-en">EN</button>
                <button class=${D()==="ru"?"on":""} @click=${()=>Be("ru")} data-testid="lang-ru">RU</button>
              </div>`}
          ${e?o`<button
                class="btn btn-ghost btn-sm"
                @click=${()=>{confirm(a("signOutConfirm"))&&Ae()}}
                title=${h.sub}
                data-testid="sign-out"
              >
                <span class="avatar" aria-hidden="true">${(h.sub||"?").charAt(0).toUpperCase()}</span>
                <span class="hide-sm">${a("signOut")}</span>
              </button>`:d}
        </nav>
      </div>
    </header>
    <main class="page">${s}</main>
  `}let Ee=!1;function ne(){let s;re?s=P(re,()=>N()):s=W?W.render():de(),Rt(Zt(s),Qe);const e=Qe.querySelector("main h1"),t=e?.textContent?.trim();document.title=t?`${t} · fitcoach`:"fitcoach",Ee&&e&&(Ee=!1,e.tabIndex=-1,e.focus({preventScroll:!0}))}function te(s){const e=s.currentTarget;s.button!==0||s.metaKey||s.ctrlKey||s.shiftKey||s.altKey||(s.preventDefault(),Le(e.getAttribute("href")??"/",!1))}function Le(s,e){e?history.replaceState(null,"",s):history.pushState(null,"",s),N()}let ge=0;async function N(){const s=++ge;re=null;const e=new URL(location.href),t=Xt.find(n=>n.pattern.test(e.pathname));if(!t)return history.replaceState(null,"","/"),N();if(t.auth&&!h.token)return history.replaceState(null,"","/signin"),N();if(!t.auth&&h.token&&e.pathname==="/signin")return history.replaceState(null,"","/"),N();if(t.auth&&!h.profile){W?.destroy?.(),W=null,ne();try{const n=await E.getProfile();if(s!==ge)return;dt(n.profile)}catch(n){if(s!==ge)return;if(n instanceof b&&n.status===401){Ae(a("sessionExpired"));return}if(!(n instanceof b&&n.status===404)){re=n,ne();return}}Ht()}if(t.needsProfile&&!h.profile)return history.replaceState(null,"","/onboarding"),N();if(e.pathname==="/onboarding"&&h.profile)return history.replaceState(null,"","/"),N();W?.destroy?.(),W=t.make(e.pathname.match(t.pattern),e.searchParams),Ee=!0,window.scrollTo(0,0),ne()}xt(ne,Le);window.addEventListener("popstate",()=>{N()});Dt();N();Wt(s=>{h.done.set(G(s.planId,s.week,s.day),!0),m()});document.addEventListener("keydown",s=>{const e=s.target?.closest?.('[role="radio"]'),t=e?.closest('[role="radiogroup"]');if(!e||!t)return;const n={ArrowRight:1,ArrowDown:1,ArrowLeft:-1,ArrowUp:-1}[s.key];if(!n)return;const i=[...t.querySelectorAll('[role="radio"]')],r=i[(i.indexOf(e)+n+i.length)%i.length];s.preventDefault(),r.focus(),r.click()});document.addEventListener("click",s=>{const e=s.target?.closest?.("a[data-nav]");!e||s.button!==0||s.metaKey||s.ctrlKey||s.shiftKey||s.altKey||(s.preventDefault(),Le(e.getAttribute("href")??"/",!1))});export{d as A,M as B,Kt as C,Gt as D,vt as E,_t as F,mt as G,$t as H,ts as I,ye as J,ze as K,Yt as L,rs as M,U as _,E as a,o as b,P as c,Jt as d,j as e,zt as f,de as g,A as h,es as i,b as j,Q as k,D as l,it as m,k as n,G as o,is as p,as as q,ns as r,gt as s,a as t,m as u,h as v,ss as w,nt as x,at as y,X as z};
